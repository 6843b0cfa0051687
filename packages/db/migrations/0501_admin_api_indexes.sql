-- Admin API (issue 5): keyset pagination and item search.

-- GET /api/feeds: oldest first by (created_at, id)
CREATE INDEX feeds_created_id_idx ON feeds (created_at, id);

-- GET /api/items: newest first by (coalesce(published_at, first_seen_at), id); items without
-- a source date sort by when they were first seen
CREATE INDEX items_sort_idx ON items ((coalesce(published_at, first_seen_at)), id);

-- GET /api/items?q=: word-prefix full-text over title and summary. The `simple` configuration
-- (no stemming, no stop words) because items come in many languages. The expression must stay
-- identical to the one in item-admin.repository.ts.
CREATE INDEX items_text_search_idx ON items USING gin (to_tsvector('simple', title || ' ' || summary));

-- GET /api/subscribers: newest first by (created_at, id)
CREATE INDEX subscribers_created_id_idx ON subscribers (created_at, id);

-- GET /api/subscribers?theme=
CREATE INDEX subscribers_themes_idx ON subscribers USING gin (themes);
