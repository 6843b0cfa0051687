import { Inject, Injectable } from '@nestjs/common';
import { jobIds, QUEUES } from '@pulse/contracts';
import { deleteOutboxMail, insertOutboxMail, InjectDatabase, releaseSubscriptionMailSlot, type Database, type Subscriber } from '@pulse/db';
import { isLanguage, MAIL_KINDS, renderConfirmationMail, renderSubscriptionNoticeMail, type RenderedMail } from '@pulse/mail';
import { JobProducer } from '@pulse/queue';
import { API_ENV, type ApiEnv } from '../config/env';
import { LinkService } from './link.service';

/**
 * Subscription mail goes outbox first (the row holds address and body), then a `mail-send`
 * job with the row id only: Redis never sees an address.
 */
@Injectable()
export class SubscriptionMailService {
  constructor(
    @InjectDatabase() private readonly database: Database,
    @Inject(API_ENV) private readonly env: ApiEnv,
    private readonly links: LinkService,
    private readonly producer: JobProducer,
  ) {}

  /** The double opt-in mail. The caller has claimed the subscriber's mail slot. */
  async sendConfirmation(subscriber: Subscriber): Promise<string> {
    const mail = renderConfirmationMail({
      language: isLanguage(subscriber.language) ? subscriber.language : 'en',
      confirmUrl: this.links.confirmUrl(subscriber),
      themes: subscriber.themes,
      frequency: subscriber.frequency,
      sendHour: subscriber.sendHour,
      weekday: subscriber.weekday,
      timezone: subscriber.timezone,
      validHours: this.env.PULSE_CONFIRM_TTL_HOURS,
    });
    return this.queue(subscriber, MAIL_KINDS.confirmation, mail);
  }

  /** To a confirmed address that subscribes again: a way in to its preferences, nothing changed. */
  async sendNotice(subscriber: Subscriber): Promise<string> {
    const mail = renderSubscriptionNoticeMail({
      language: isLanguage(subscriber.language) ? subscriber.language : 'en',
      preferencesUrl: this.links.manageLinks(subscriber).preferencesUrl,
    });
    return this.queue(subscriber, MAIL_KINDS.notice, mail);
  }

  private async queue(subscriber: Subscriber, kind: string, mail: RenderedMail): Promise<string> {
    const row = await insertOutboxMail(this.database, {
      subscriberId: subscriber.id,
      kind,
      toAddress: subscriber.email,
      subject: mail.subject,
      html: mail.html,
      text: mail.text,
    });
    try {
      await this.producer.add(
        QUEUES.mailSend,
        { mailId: row.id },
        {
          jobId: jobIds.mailSend({ mailId: row.id }),
          attempts: this.env.PULSE_MAIL_ATTEMPTS,
          backoff: { type: 'exponential', delay: this.env.PULSE_MAIL_RETRY_DELAY_MS },
          removeOnComplete: { age: 24 * 3600 },
          removeOnFail: { age: 7 * 24 * 3600 },
        },
      );
      return row.id;
    } catch (err) {
      // Nothing was queued: drop the row and let the person try again at once.
      await deleteOutboxMail(this.database, row.id).catch(() => undefined);
      await releaseSubscriptionMailSlot(this.database, subscriber.id).catch(() => undefined);
      throw err;
    }
  }
}
