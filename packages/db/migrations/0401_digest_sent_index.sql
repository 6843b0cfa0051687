-- "Was this item already sent to this subscriber?" reads the subscriber's sent digests; without
-- this index PostgreSQL may walk every sent digest (digests_status_idx) for each one it builds.
CREATE INDEX digests_sent_by_subscriber_idx ON digests (subscriber_id, sent_at) WHERE status = 'sent';
