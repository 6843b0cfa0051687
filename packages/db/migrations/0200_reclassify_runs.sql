-- Classifier (issue 3): `pulse reclassify` works through items in id order and records how far
-- it got, so a run that was killed continues where it stopped instead of starting over.
CREATE TABLE reclassify_runs (
  id text PRIMARY KEY DEFAULT gen_random_uuid()::text,
  -- stale: items tagged by another taxonomy version (or never); all: every item;
  -- since: every item first seen at or after `since`.
  mode text NOT NULL CHECK (mode IN ('stale', 'all', 'since')),
  since timestamptz,
  taxonomy_version text NOT NULL,
  -- Every item with an id up to and including this one is done.
  last_item_id text,
  done integer NOT NULL DEFAULT 0,
  total integer NOT NULL,
  started_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
-- A resumed run is found by what it was asked to do.
CREATE INDEX reclassify_runs_open_idx ON reclassify_runs (mode, taxonomy_version) WHERE finished_at IS NULL;
