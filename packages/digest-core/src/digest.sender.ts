import {
  cancelDigest,
  claimDigests,
  markDigestBounced,
  markDigestEmpty,
  markDigestsSent,
  releaseDigest,
  type ClaimedDigest,
  type ClaimResult,
  type SentMark,
  type Database,
  type WindowItemRow,
} from '@pulse/db';
import { classifyMailError, type MailTransport } from '@pulse/mail';
import { buildDigestMail } from './digest.content';
import type { DigestEnv } from './digest.env';
import { StatementBatcher } from './statement.batcher';
import { WindowItemsCache } from './window-items.cache';

export interface DigestSenderOptions {
  baseUrl: string;
  secret: string;
  /** `MAIL_FROM`; its domain is the right-hand side of every digest Message-ID. */
  from: string;
  leaseMs: number;
  maxBounces: number;
  maxItems: number;
  inDoubt: 'resend' | 'hold';
  /** Claims of one row after which it is given up (a digest that keeps killing its worker). */
  maxClaims?: number;
  /** How long subscribers with the same window share its items; 0: no sharing. */
  windowCacheMs?: number;
  clock?: () => Date;
  log?: { log(msg: string): void; warn(msg: string): void };
}

export type SendOutcome =
  | { status: 'sent'; messageId: string; items: number; resent: boolean }
  | { status: 'empty' }
  | { status: 'bounced'; suspended: boolean; responseCode?: number }
  | { status: 'cancelled'; reason: string }
  | { status: 'failed'; error: string }
  /** Nothing to do: the row is gone (subscriber erased) or already finished. */
  | { status: 'skipped'; reason: string }
  /** Another live attempt holds the row. */
  | { status: 'held' };

/** The send did not happen and may work later (4xx, connection, database): retry with backoff. */
export class DigestRetryError extends Error {}
/** Another worker holds the lease on this digest: retry once it has run out. */
export class LeaseHeldError extends DigestRetryError {
  constructor(
    message: string,
    /** When the holder's lease ends (unknown: null). */
    readonly leaseExpiresAt: Date | null,
  ) {
    super(message);
  }
}

/** The domain of a `MAIL_FROM` address (`Name <user@domain>`): the right-hand side of our Message-IDs. */
export const mailDomain = (from: string): string => /@([A-Za-z0-9.-]+)>?\s*$/.exec(from)?.[1] ?? 'emn-pulse.invalid';

/** `<digest.{id}@{domain}>`: the same on every attempt, so a resend is recognisably the same message. */
export const digestMessageId = (digestId: string, from: string): string => `<digest.${digestId}@${mailDomain(from)}>`;

/** The sender settings the worker and the CLI take from their environment. */
export function digestSenderOptions(
  env: DigestEnv & { PUBLIC_BASE_URL: string; MAIL_FROM: string },
  secret: string,
  log?: DigestSenderOptions['log'],
): DigestSenderOptions {
  return {
    baseUrl: env.PUBLIC_BASE_URL,
    secret,
    from: env.MAIL_FROM,
    leaseMs: env.PULSE_DIGEST_LEASE_MS,
    maxBounces: env.PULSE_DIGEST_MAX_BOUNCES,
    maxItems: env.PULSE_DIGEST_MAX_ITEMS,
    inDoubt: env.PULSE_DIGEST_IN_DOUBT,
    log,
  };
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Sends one planned digest, exactly once as far as SMTP allows:
 * 1. claim the row (pending → sending, attempt+1, lease) in one statement;
 * 2. build the mail from the row's window;
 * 3. send it with a Message-ID derived from the digest id;
 * 4. mark it sent, fenced by the attempt number, and move the subscriber's window on.
 * A retried or duplicated job finds the row finished (step 1) and sends nothing. A worker killed
 * before the SMTP server accepted leaves `sending`; when its lease runs out the next attempt
 * resends (`inDoubt: 'resend'`). The one window that can still give two emails is between the
 * server's 250 reply and step 4's commit (milliseconds); the second copy then has the same
 * Message-ID, which mail stores such as Gmail collapse into one.
 * Claims (step 1) and sent marks (step 4) of concurrent sends share one statement each
 * (`StatementBatcher`); every row in it is still claimed or fenced on its own terms.
 */
export class DigestSender {
  private readonly now: () => Date;
  private readonly cache?: WindowItemsCache<WindowItemRow[]>;
  private readonly claims: StatementBatcher<string, ClaimResult>;
  private readonly marks: StatementBatcher<SentMark, boolean>;
  constructor(
    private readonly database: Database,
    private readonly transport: MailTransport,
    private readonly opts: DigestSenderOptions,
  ) {
    this.now = opts.clock ?? (() => new Date());
    const ttl = opts.windowCacheMs ?? 60_000;
    if (ttl > 0) this.cache = new WindowItemsCache(ttl);
    this.claims = new StatementBatcher(async (ids) => {
      const r = await claimDigests(database, ids, opts.leaseMs);
      return (id) => r.get(id)!;
    });
    this.marks = new StatementBatcher(async (marks) => {
      const ok = await markDigestsSent(database, marks);
      return (m) => ok.has(m.id);
    });
  }

  async send(digestId: string, attempt: { final?: boolean } = {}): Promise<SendOutcome> {
    const claim = await this.claims.call(digestId);
    if (claim.kind === 'gone') return { status: 'skipped', reason: 'digest no longer exists' };
    if (claim.kind === 'done') return { status: 'skipped', reason: `already ${claim.status}` };
    if (claim.kind === 'held') {
      if (attempt.final) return { status: 'held' };
      throw new LeaseHeldError(`digest ${digestId} is being sent by another attempt until ${claim.leaseExpiresAt?.toISOString()}`, claim.leaseExpiresAt ?? null);
    }
    return this.sendClaimed(claim.digest, attempt.final ?? false);
  }

  private async sendClaimed(d: ClaimedDigest, final: boolean): Promise<SendOutcome> {
    const db = this.database;
    const resent = d.previousStatus === 'sending';
    if (d.attempt > (this.opts.maxClaims ?? 20)) {
      return this.fail(d, `given up after ${d.attempt - 1} attempts`);
    }
    if (resent) {
      if (this.opts.inDoubt === 'hold') return this.fail(d, 'interrupted mid-send; not resent (PULSE_DIGEST_IN_DOUBT=hold)');
      this.opts.log?.warn(`digest ${d.id}: attempt ${d.attempt - 1} was interrupted mid-send; sending again with the same Message-ID`);
    }
    if (d.subscriber.status !== 'active') {
      await cancelDigest(db, d.id, d.attempt, `subscriber is ${d.subscriber.status}`);
      return { status: 'cancelled', reason: `subscriber is ${d.subscriber.status}` };
    }
    let mail;
    try {
      const window = { start: d.windowStart, end: d.windowEnd };
      mail = await buildDigestMail(db, d.subscriber, window, { ...this.opts, now: this.now(), cache: this.cache });
    } catch (err) {
      return this.retryLater(d, final, `building failed: ${(err as Error).message}`);
    }
    if (!mail) {
      await markDigestEmpty(db, d.id, d.attempt);
      return { status: 'empty' };
    }
    const messageId = digestMessageId(d.id, this.opts.from);
    const { itemIds } = mail;
    const outgoing = { to: d.subscriber.email, subject: mail.subject, html: mail.html, text: mail.text, headers: mail.headers, messageId };
    // Nothing here holds the rendered mail while it waits for an SMTP connection (the transport
    // keeps only the composed bytes): held for the wait, every digest's HTML and text outlived
    // the young generation and ended up as old-generation garbage (peak RSS, tests/bench/digest).
    mail = null;
    let accepted: string;
    try {
      const r = await this.transport.send(outgoing);
      accepted = r.messageId;
    } catch (err) {
      const e = classifyMailError(err);
      if (e.kind === 'permanent') {
        const b = await markDigestBounced(db, d.id, d.attempt, `${e.responseCode ?? ''} ${e.message}`.trim(), this.opts.maxBounces);
        return { status: 'bounced', suspended: b?.suspended ?? false, responseCode: e.responseCode };
      }
      return this.retryLater(d, final, `${e.responseCode ?? e.code ?? 'error'} ${e.message}`);
    }
    const note = resent ? `resent after interrupted attempt ${d.attempt - 1}` : null;
    await this.markSent(d, accepted, itemIds, note);
    return { status: 'sent', messageId: accepted, items: itemIds.length, resent };
  }

  /**
   * The mail is out: recording it must not fail on a passing database hiccup, or the next
   * attempt would send it again. A few quick tries before giving up.
   */
  private async markSent(d: ClaimedDigest, messageId: string, itemIds: string[], note: string | null): Promise<void> {
    for (let i = 0; ; i++) {
      try {
        const ok = await this.marks.call({ id: d.id, attempt: d.attempt, messageId, itemIds, note });
        if (!ok) this.opts.log?.warn(`digest ${d.id}: sent, but attempt ${d.attempt} had lost its lease (the send outlasted it)`);
        return;
      } catch (err) {
        if (i >= 4) throw err;
        await wait(100 * 2 ** i);
      }
    }
  }

  private async retryLater(d: ClaimedDigest, final: boolean, error: string): Promise<SendOutcome> {
    await releaseDigest(this.database, d.id, d.attempt, error, final);
    if (final) return { status: 'failed', error };
    throw new DigestRetryError(`digest ${d.id}: ${error}`);
  }

  private async fail(d: ClaimedDigest, error: string): Promise<SendOutcome> {
    await releaseDigest(this.database, d.id, d.attempt, error, true);
    this.opts.log?.warn(`digest ${d.id}: ${error}`);
    return { status: 'failed', error };
  }
}
