import { z } from 'zod';
import { createMailTransport, type MailTransport } from '@pulse/mail';

const int = (def: number, min = 0) => z.coerce.number().int().min(min).default(def);

/**
 * Digest settings shared by the digest worker and the CLI (`digest send --now`). Defaults suit
 * production; tests shorten the clocks. The lease must outlast the longest possible send
 * (SMTP timeouts, queueing behind the rate limit), or a slow send could be taken over.
 */
export const digestEnv = z.object({
  /** How often the planner looks for due digests. */
  PULSE_DIGEST_TICK_MS: int(60_000, 200),
  /** Digests sent at once per worker process (build, SMTP, record); the SMTP pool takes them in turn. */
  PULSE_DIGEST_CONCURRENCY: int(40, 1),
  /** Most digests per queued send job (at most half of PULSE_DIGEST_CONCURRENCY, so two jobs overlap). */
  PULSE_DIGEST_BATCH: int(20, 1),
  PULSE_DIGEST_LEASE_MS: int(600_000, 500),
  /** Tries per digest for 4xx and connection failures, with exponential backoff from the base. */
  PULSE_DIGEST_SEND_ATTEMPTS: int(8, 1),
  PULSE_DIGEST_RETRY_BASE_MS: int(60_000, 10),
  /** Bounces in a row that suspend a subscriber. */
  PULSE_DIGEST_MAX_BOUNCES: int(3, 1),
  /** Items shown per digest; the rest are counted ("…and 12 more"). */
  PULSE_DIGEST_MAX_ITEMS: int(60, 1),
  /** A send interrupted mid-transaction (worker killed): resend it, or mark it failed for review. */
  PULSE_DIGEST_IN_DOUBT: z.enum(['resend', 'hold']).default('resend'),
  /** A `pending` digest older than this with no live job is queued again. */
  PULSE_DIGEST_STALE_MS: int(300_000, 100),
  /** BullMQ job lock; a dead worker's jobs are picked up again after about this long. */
  PULSE_DIGEST_LOCK_MS: int(30_000, 500),
  PULSE_SMTP_POOL: int(5, 1),
  /** Messages per second per worker process; 0: no limit. */
  PULSE_SMTP_RATE_PER_SECOND: int(20, 0),
  /**
   * How far the digest worker's V8 old generation may grow past its live size before a full
   * collection, in percent (100: twice the live size); 0: V8's own choice, which let a
   * worker sending ~600 digests/s reach 300 MB for ~50 MB live (tests/bench/digest).
   */
  PULSE_DIGEST_HEAP_GROWTH_PERCENT: int(100, 0),
  /** Bound on an idle SMTP socket; connecting and the greeting get at most 10 s each. */
  PULSE_SMTP_TIMEOUT_MS: int(60_000, 100),
});
export type DigestEnv = z.infer<typeof digestEnv>;

/**
 * How the planner cuts due digests into send jobs, and how many jobs a worker runs at once:
 * two jobs overlap (one builds while the other's last mails are on the wire) and together
 * hold at most PULSE_DIGEST_CONCURRENCY digests.
 */
export function digestBatching(env: Pick<DigestEnv, 'PULSE_DIGEST_CONCURRENCY' | 'PULSE_DIGEST_BATCH'>): { batch: number; jobs: number } {
  const c = env.PULSE_DIGEST_CONCURRENCY;
  const batch = Math.max(1, Math.min(env.PULSE_DIGEST_BATCH, Math.floor(c / 2)));
  return { batch, jobs: Math.max(1, Math.floor(c / batch)) };
}

/** The mail transport the digest worker and the CLI build from their environment. */
export function digestTransportFromEnv(
  env: DigestEnv & { SMTP_URL?: string; PULSE_OUTBOX_DIR: string; MAIL_FROM: string },
  log?: (line: string) => void,
): MailTransport {
  const socket = env.PULSE_SMTP_TIMEOUT_MS;
  return createMailTransport({
    smtpUrl: env.SMTP_URL,
    outboxDir: env.PULSE_OUTBOX_DIR,
    from: env.MAIL_FROM,
    rateLimitPerSecond: env.PULSE_SMTP_RATE_PER_SECOND,
    poolSize: env.PULSE_SMTP_POOL,
    timeoutsMs: { connection: Math.min(10_000, socket), greeting: Math.min(10_000, socket), socket },
    log,
  });
}
