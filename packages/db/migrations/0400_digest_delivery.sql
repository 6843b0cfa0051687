-- Digest delivery (issue 4). A digest row is claimed for sending with a lease: a worker that
-- dies mid-send leaves `sending` with a lease that expires, and the next attempt knows the
-- previous one was interrupted (see digest.repository.ts). `cancelled`: the subscriber left
-- between planning and sending; nothing was sent and the window did not move.
ALTER TABLE digests ADD COLUMN lease_expires_at timestamptz;
ALTER TABLE digests DROP CONSTRAINT IF EXISTS digests_status_check;
ALTER TABLE digests ADD CONSTRAINT digests_status_check
  CHECK (status IN ('pending','sending','sent','failed','empty','bounced','cancelled'));

-- The sweeper looks for rows that should be moving and are not.
CREATE INDEX digests_open_idx ON digests (created_at) WHERE status IN ('pending','sending');

-- The planner groups active subscribers by schedule.
CREATE INDEX subscribers_schedule_idx ON subscribers (frequency, timezone, send_hour, weekday) WHERE status = 'active';
