-- Process-wide settings every app reads at boot (issue 4: the secret that signs subscriber
-- links when PULSE_SECRET is unset, generated once so every process and restart shares it).
CREATE TABLE IF NOT EXISTS settings (
  key text PRIMARY KEY,
  value text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Stale pending subscriptions are purged by age of their last confirmation mail.
CREATE INDEX IF NOT EXISTS subscribers_pending_idx ON subscribers (last_confirmation_sent_at) WHERE status = 'pending';
CREATE INDEX IF NOT EXISTS mail_outbox_subscriber_idx ON mail_outbox (subscriber_id);
