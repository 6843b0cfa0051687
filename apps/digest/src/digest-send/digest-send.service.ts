import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDatabase, type Database } from '@pulse/db';
import { DigestRetryError, DigestSender, digestSenderOptions, LeaseHeldError, type SendOutcome } from '@pulse/digest-core';
import type { MailTransport } from '@pulse/mail';
import { JobProducer } from '@pulse/queue';
import { DIGEST_ENV, type DigestAppEnv } from '../config/env';
import { LINK_SECRET, MAIL_TRANSPORT } from '../mail/mail.module';
import { queueDigestAlone } from './digest-send.job';

/** What a batch job did, by outcome (`retry-queued`: left the batch as a job of its own). */
export type BatchResult = Partial<Record<SendOutcome['status'] | 'retry-queued', number>>;

/** Sends planned digests (claim, build, send, mark); the rules live in `@pulse/digest-core`. */
@Injectable()
export class DigestSendService {
  private readonly log = new Logger('digest.send');
  private readonly sender: DigestSender;

  constructor(
    @InjectDatabase() database: Database,
    @Inject(MAIL_TRANSPORT) transport: MailTransport,
    @Inject(LINK_SECRET) secret: string,
    @Inject(DIGEST_ENV) private readonly env: DigestAppEnv,
    private readonly producer: JobProducer,
  ) {
    this.sender = new DigestSender(database, transport, digestSenderOptions(env, secret, this.log));
  }

  /** `final`: no retry follows, so a passing failure is recorded as `failed` instead of thrown. */
  async send(digestId: string, final: boolean): Promise<SendOutcome> {
    const outcome = await this.sender.send(digestId, { final });
    this.report(digestId, outcome);
    return outcome;
  }

  /**
   * A batch: every digest starts at once, so their claims share one statement and their
   * "sent" marks a few. One that must be tried again (4xx, connection, a lease held by a
   * worker that may have died) continues as a job of its own with the usual backoff, so the
   * rest of the batch is never sent twice. Anything else (database or Redis down) fails the
   * batch after all of it has settled, and the batch job's retry lets the rows decide again.
   */
  async sendBatch(digestIds: readonly string[]): Promise<BatchResult> {
    const settled = await Promise.allSettled(
      digestIds.map(async (id): Promise<keyof BatchResult> => {
        try {
          const outcome = await this.sender.send(id, { final: false });
          this.report(id, outcome);
          return outcome.status;
        } catch (err) {
          if (!(err instanceof DigestRetryError)) throw err;
          await queueDigestAlone(this.producer, this.env, id, this.retryDelay(err));
          return 'retry-queued';
        }
      }),
    );
    const result: BatchResult = {};
    for (const s of settled) if (s.status === 'fulfilled') result[s.value] = (result[s.value] ?? 0) + 1;
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) throw failed.reason;
    return result;
  }

  /** A held lease: just after it ends (its holder may be dead); a failed try: the backoff's first step. */
  private retryDelay(err: DigestRetryError): number {
    const base = this.env.PULSE_DIGEST_RETRY_BASE_MS;
    if (err instanceof LeaseHeldError && err.leaseExpiresAt) return Math.max(base, err.leaseExpiresAt.getTime() - Date.now() + 100);
    return base;
  }

  private report(digestId: string, outcome: SendOutcome): void {
    if (outcome.status === 'bounced') {
      this.log.warn(`digest ${digestId} bounced (${outcome.responseCode ?? '?'})${outcome.suspended ? '; subscriber suspended' : ''}`);
    } else if (outcome.status === 'failed') {
      this.log.warn(`digest ${digestId} failed for good: ${outcome.error}`);
    }
  }
}
