import { Injectable, Logger } from '@nestjs/common';
import { QUEUES } from '@pulse/contracts';
import {
  eraseSubscriber,
  exportSubscriber,
  InjectDatabase,
  recordConsent,
  updateSubscriber,
  type Database,
  type ErasedSubscriber,
  type Subscriber,
  type SubscriberExport,
} from '@pulse/db';
import { CONSENT_VERSION, consentText, isLanguage } from '@pulse/mail';
import { JobProducer } from '@pulse/queue';
import type { Preferences } from './dto/subscription.dto';
import type { RequestOrigin } from './subscriptions.service';
import { preferenceColumns } from './subscriptions.service';

/** What a signed preference link lets its holder do, without an account. */
@Injectable()
export class PreferencesService {
  private readonly log = new Logger('preferences');

  constructor(
    @InjectDatabase() private readonly database: Database,
    private readonly producer: JobProducer,
  ) {}

  async update(subscriber: Subscriber, prefs: Preferences): Promise<Subscriber> {
    return this.save(subscriber, preferenceColumns(prefs));
  }

  async pause(subscriber: Subscriber): Promise<Subscriber> {
    if (subscriber.status !== 'active') return subscriber;
    return this.save(subscriber, { status: 'paused', pausedAt: new Date() });
  }

  /**
   * Back to active from a pause, an unsubscribe or a bounce suspension. The link proves the
   * mailbox; coming back from an unsubscribe is a new consent, recorded as confirmed. The
   * next digest starts now rather than carrying everything missed meanwhile.
   */
  async resume(subscriber: Subscriber, origin: RequestOrigin): Promise<Subscriber> {
    if (subscriber.status === 'active' || subscriber.status === 'pending') return subscriber;
    const now = new Date();
    if (subscriber.status === 'unsubscribed') {
      await recordConsent(this.database, {
        subscriberId: subscriber.id,
        textVersion: CONSENT_VERSION,
        text: consentText(isLanguage(subscriber.language) ? subscriber.language : 'en'),
        source: origin.source,
        ip: origin.ip,
        userAgent: origin.userAgent?.slice(0, 512) ?? null,
        agreedAt: now,
        confirmedAt: now,
      });
    }
    return this.save(subscriber, {
      status: 'active',
      pausedAt: null,
      suspendedAt: null,
      suspendedReason: null,
      bounceCount: 0,
      lastDigestWindowEnd: now,
    });
  }

  /** Idempotent: a second one-click POST (mail providers retry) is answered the same way. */
  async unsubscribe(subscriber: Subscriber): Promise<Subscriber> {
    if (subscriber.status === 'unsubscribed') return subscriber;
    return this.save(subscriber, { status: 'unsubscribed', unsubscribedAt: new Date() });
  }

  async export(subscriber: Subscriber): Promise<SubscriberExport> {
    const data = await exportSubscriber(this.database, subscriber.id);
    if (!data) throw new Error('subscriber vanished during export');
    return data;
  }

  /** Deletes every row, then the queue jobs that pointed at them (ids only, but nothing stays). */
  async erase(subscriber: Subscriber): Promise<ErasedSubscriber | null> {
    const erased = await eraseSubscriber(this.database, subscriber.id);
    if (erased) await this.removeJobs(erased);
    return erased;
  }

  private async removeJobs(erased: ErasedSubscriber): Promise<void> {
    for (const queue of [QUEUES.mailSend, QUEUES.digestSend] as const) {
      for (const jobId of erased.jobIds[queue]) {
        // A job being processed right now is locked; it finds its row gone and skips.
        await this.producer
          .queue(queue)
          .remove(jobId)
          .catch((err: unknown) => this.log.warn(`could not remove job ${jobId}: ${String(err)}`));
      }
    }
  }

  private async save(subscriber: Subscriber, patch: Parameters<typeof updateSubscriber>[2]): Promise<Subscriber> {
    return (await updateSubscriber(this.database, subscriber.id, patch)) ?? subscriber;
  }
}
