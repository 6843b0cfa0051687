CREATE TABLE subscribers (
  id text PRIMARY KEY DEFAULT gen_random_uuid()::text,
  email text NOT NULL UNIQUE,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','active','paused','unsubscribed','suspended')),
  themes jsonb NOT NULL DEFAULT '[]'::jsonb,
  types jsonb NOT NULL DEFAULT '[]'::jsonb,
  frequency text NOT NULL CHECK (frequency IN ('daily','weekly')),
  timezone text NOT NULL,
  send_hour integer NOT NULL DEFAULT 7 CHECK (send_hour BETWEEN 0 AND 23),
  weekday integer CHECK (weekday BETWEEN 1 AND 7),
  language text NOT NULL DEFAULT 'en',
  token_version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  confirmed_at timestamptz,
  paused_at timestamptz,
  unsubscribed_at timestamptz,
  suspended_at timestamptz,
  suspended_reason text,
  last_confirmation_sent_at timestamptz,
  bounce_count integer NOT NULL DEFAULT 0,
  last_bounce_at timestamptz,
  last_digest_window_end timestamptz
);
CREATE INDEX subscribers_status_idx ON subscribers (status);

CREATE TABLE consents (
  id text PRIMARY KEY DEFAULT gen_random_uuid()::text,
  subscriber_id text NOT NULL REFERENCES subscribers(id) ON DELETE CASCADE,
  text_version text NOT NULL,
  text text NOT NULL,
  source text NOT NULL CHECK (source IN ('form','api')),
  ip text,
  user_agent text,
  agreed_at timestamptz NOT NULL DEFAULT now(),
  confirmed_at timestamptz
);
CREATE INDEX consents_subscriber_idx ON consents (subscriber_id);

CREATE TABLE mail_outbox (
  id text PRIMARY KEY DEFAULT gen_random_uuid()::text,
  subscriber_id text REFERENCES subscribers(id) ON DELETE CASCADE,
  kind text NOT NULL,
  to_address text NOT NULL,
  subject text NOT NULL,
  html text NOT NULL,
  text text NOT NULL,
  headers jsonb NOT NULL DEFAULT '{}'::jsonb,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','sending','sent','failed')),
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  message_id text,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz
);

CREATE TABLE digests (
  id text PRIMARY KEY DEFAULT gen_random_uuid()::text,
  subscriber_id text NOT NULL REFERENCES subscribers(id) ON DELETE CASCADE,
  period_key text NOT NULL,
  window_start timestamptz NOT NULL,
  window_end timestamptz NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','sending','sent','failed','empty','bounced')),
  item_ids jsonb NOT NULL DEFAULT '[]'::jsonb,
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  message_id text,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,
  UNIQUE (subscriber_id, period_key)
);
CREATE INDEX digests_status_idx ON digests (status);
