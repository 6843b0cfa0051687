CREATE TABLE feeds (
  id text PRIMARY KEY DEFAULT gen_random_uuid()::text,
  url text NOT NULL UNIQUE,
  title text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('press-release','news','event','publication','newsletter')),
  language text,
  poll_interval_seconds integer NOT NULL DEFAULT 1800 CHECK (poll_interval_seconds >= 60),
  enabled boolean NOT NULL DEFAULT true,
  etag text,
  last_modified text,
  last_polled_at timestamptz,
  last_success_at timestamptz,
  consecutive_failures integer NOT NULL DEFAULT 0,
  last_error_code text,
  last_error_message text,
  last_error_at timestamptz,
  next_poll_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE items (
  id text PRIMARY KEY,
  canonical_url text,
  guid text,
  title text NOT NULL,
  summary text NOT NULL,
  content_html text,
  published_at timestamptz,
  source_updated_at timestamptz,
  language text,
  type text NOT NULL,
  categories jsonb NOT NULL DEFAULT '[]'::jsonb,
  starts_at timestamptz,
  ends_at timestamptz,
  location text,
  content_hash text NOT NULL,
  version integer NOT NULL DEFAULT 1,
  updated boolean NOT NULL DEFAULT false,
  first_seen_at timestamptz NOT NULL DEFAULT now(),
  changed_at timestamptz NOT NULL DEFAULT now(),
  classified_at timestamptz,
  classified_version integer,
  taxonomy_version text
);
CREATE UNIQUE INDEX items_canonical_url_uq ON items (canonical_url);
CREATE INDEX items_published_at_idx ON items (published_at);
CREATE INDEX items_classified_at_idx ON items (classified_at);

CREATE TABLE item_sources (
  feed_id text NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
  source_key text NOT NULL,
  item_id text NOT NULL REFERENCES items(id) ON DELETE CASCADE,
  url text,
  first_seen_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (feed_id, source_key)
);
CREATE INDEX item_sources_item_idx ON item_sources (item_id);

CREATE TABLE item_themes (
  item_id text NOT NULL REFERENCES items(id) ON DELETE CASCADE,
  theme_id text NOT NULL,
  score real NOT NULL,
  evidence jsonb NOT NULL,
  PRIMARY KEY (item_id, theme_id)
);
CREATE INDEX item_themes_theme_idx ON item_themes (theme_id);
