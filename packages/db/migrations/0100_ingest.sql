-- Ingest (issue 2): demo feeds, a seed ledger, per-source content hashes and language variants.

-- Demo feeds point at the loopback server ingest starts for PULSE_FEEDS=demo; they are only
-- scheduled (and only allowed to reach loopback) while that server runs.
ALTER TABLE feeds ADD COLUMN demo boolean NOT NULL DEFAULT false;

-- Which seeded sources were inserted once: a seed the operator deleted stays deleted.
CREATE TABLE feed_seeds (
  url text PRIMARY KEY,
  applied_at timestamptz NOT NULL DEFAULT now()
);

-- What this source last said about the item (title, summary, event fields). An update is
-- detected per source, so two sources with different wording cannot flip an item back and forth.
ALTER TABLE item_sources ADD COLUMN content_hash text;
ALTER TABLE item_sources ADD COLUMN language text;

-- The canonical URL with its language marker wildcarded (`/detail/en/` → `/detail/*/`,
-- `…_en` → `…_*`): the same release in two languages is one item with two sources.
ALTER TABLE items ADD COLUMN release_key text;
CREATE INDEX items_release_key_idx ON items (release_key);
