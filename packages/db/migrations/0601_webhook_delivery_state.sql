-- Delivery state the webhooks worker needs beyond 0600 (issue 5).

-- A test ping is a delivery with no item (event 'ping', item_version 0).
ALTER TABLE webhook_deliveries ALTER COLUMN item_id DROP NOT NULL;

-- The exact JSON body, frozen at the first attempt: every retry, resend and replay of one
-- message sends the same bytes under the same webhook-id.
ALTER TABLE webhook_deliveries ADD COLUMN payload text;

-- A worker holds a delivery while it sends; a second job for the same delivery (resend,
-- sweep, duplicate wake-up) waits for the lease instead of sending twice.
ALTER TABLE webhook_deliveries ADD COLUMN lease_until timestamptz;

-- Attempts in the current retry cycle (resend, replay and re-enable start a new one);
-- `attempts` keeps counting every attempt ever made.
ALTER TABLE webhook_deliveries ADD COLUMN cycle_attempts integer NOT NULL DEFAULT 0;

-- The sweeper looks for due deliveries whose wake-up job was lost.
CREATE INDEX webhook_deliveries_pending_due_idx ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
-- Replay looks up an endpoint's messages by item.
CREATE INDEX webhook_deliveries_item_idx ON webhook_deliveries (item_id);

-- Endpoint health as the operator sees it.
ALTER TABLE webhook_endpoints ADD COLUMN last_success_at timestamptz;
ALTER TABLE webhook_endpoints ADD COLUMN last_failure_at timestamptz;
ALTER TABLE webhook_endpoints ADD COLUMN last_error text;
