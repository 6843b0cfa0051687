-- The digest send path updates each digest twice (claim, sent) and its subscriber once per
-- period; every index on a row costs an insert per non-HOT update (tests/bench/digest).
-- digests_status_idx answered nothing digests_open_idx (pending/sending) does not; the counts by
-- status read the whole table anyway.
DROP INDEX IF EXISTS digests_status_idx;
-- Room on each page so that moving a subscriber's window (no indexed column changes) is a HOT
-- update: no index entries, no index bloat. Applies to pages written from now on.
ALTER TABLE subscribers SET (fillfactor = 85);
