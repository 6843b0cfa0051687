import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  claimOutboxMail,
  InjectDatabase,
  markOutboxMailSent,
  recordOutboxMailError,
  type ClaimedOutboxMail,
  type Database,
} from '@pulse/db';
import { classifyMailError, MAIL_KINDS, type MailTransport } from '@pulse/mail';

export const MAIL_SEND_TRANSPORT = Symbol('mail-send.transport');
export const MAIL_SEND_OPTIONS = Symbol('mail-send.options');

export interface MailSendOptions {
  /** Right-hand side of the Message-ID this worker gives each outbox mail. */
  messageIdDomain: string;
}

export type MailSendOutcome = 'sent' | 'skipped' | 'refused' | 'failed';

/** A 4xx or connection failure: thrown so BullMQ retries with backoff. */
export class MailRetryableError extends Error {}

/**
 * Who may get which outbox mail: a confirmation only while the subscription is pending,
 * anything else only once it is confirmed. Nothing else ever reaches an unconfirmed address.
 */
function mayReceive(mail: ClaimedOutboxMail): boolean {
  if (mail.subscriberId === null) return true;
  if (mail.kind === MAIL_KINDS.confirmation) return mail.subscriberStatus === 'pending';
  return mail.subscriberStatus === 'active' || mail.subscriberStatus === 'paused';
}

/** Server replies often quote the recipient; errors are stored and logged (Redis too), so drop it. */
export function redactAddress(message: string, address: string): string {
  const exact = address ? new RegExp(`<?${address.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}>?`, 'gi') : null;
  return (exact ? message.replace(exact, '<recipient>') : message).replace(/<[^<>\s@]+@[^<>\s@]+>/g, '<recipient>');
}

/** Sends one transactional mail from `mail_outbox`, at most once once it is marked sent. */
@Injectable()
export class MailSendService {
  private readonly log = new Logger('mail-send');

  constructor(
    @InjectDatabase() private readonly database: Database,
    @Inject(MAIL_SEND_TRANSPORT) private readonly transport: MailTransport,
    @Inject(MAIL_SEND_OPTIONS) private readonly options: MailSendOptions,
  ) {}

  /**
   * `finalAttempt`: no retry follows, so a transient failure is recorded as failed too.
   * A worker killed between the SMTP reply and `markOutboxMailSent` sends again on retry:
   * the stable Message-ID lets the receiving side recognise the duplicate.
   */
  async send(mailId: string, finalAttempt: boolean): Promise<MailSendOutcome> {
    const mail = await claimOutboxMail(this.database, mailId);
    if (!mail) return 'skipped';
    if (!mayReceive(mail)) {
      await recordOutboxMailError(this.database, mail.id, `not sent: subscriber is ${mail.subscriberStatus ?? 'gone'}`, true);
      return 'refused';
    }
    try {
      const result = await this.transport.send({
        to: mail.toAddress,
        subject: mail.subject,
        html: mail.html,
        text: mail.text,
        headers: mail.headers,
        messageId: `<mail-${mail.id}@${this.options.messageIdDomain}>`,
      });
      await markOutboxMailSent(this.database, mail.id, result.messageId);
      return 'sent';
    } catch (err) {
      const e = classifyMailError(err);
      const reason = redactAddress(`${e.responseCode ?? e.code ?? 'error'}: ${e.message}`, mail.toAddress);
      const final = e.kind === 'permanent' || finalAttempt;
      await recordOutboxMailError(this.database, mail.id, reason, final);
      if (final) {
        this.log.warn(`mail ${mail.id} (${mail.kind}) failed for good: ${reason}`);
        return 'failed';
      }
      throw new MailRetryableError(`mail ${mail.id}: ${reason}`);
    }
  }
}
