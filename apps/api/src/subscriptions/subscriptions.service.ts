import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  claimSubscriptionMailSlot,
  confirmSubscriber,
  findSubscriber,
  insertSubscriber,
  InjectDatabase,
  purgeStalePendingSubscribers,
  recordConsent,
  updateSubscriber,
  type Database,
  type Subscriber,
} from '@pulse/db';
import { CONSENT_VERSION, consentText } from '@pulse/mail';
import { API_ENV, type ApiEnv } from '../config/env';
import type { Preferences, SubscribeInput } from './dto/subscription.dto';
import { SubscriptionMailService } from './subscription-mail.service';

export interface RequestOrigin {
  source: 'form' | 'api';
  ip: string | null;
  userAgent: string | null;
}

/** Said to every subscribe request, whatever the address's state: it must not tell them apart. */
export const SUBSCRIBE_ACCEPTED = {
  status: 'accepted',
  message:
    'Thank you. If this address can receive our mail, a message is on its way to it: open the link in it to confirm the subscription.',
} as const;

export type ConfirmOutcome = 'confirmed' | 'already-confirmed';

export const preferenceColumns = (p: Preferences) => ({
  themes: p.themes,
  types: p.types,
  frequency: p.frequency,
  timezone: p.timezone,
  sendHour: p.sendHour,
  weekday: p.weekday,
  language: p.language,
});

@Injectable()
export class SubscriptionsService {
  private readonly log = new Logger('subscriptions');

  constructor(
    @InjectDatabase() private readonly database: Database,
    @Inject(API_ENV) private readonly env: ApiEnv,
    private readonly mail: SubscriptionMailService,
  ) {}

  /**
   * Double opt-in subscribe. New, pending, unsubscribed and suspended addresses (re)enter
   * `pending` with these preferences and get a confirmation; a confirmed address keeps its
   * preferences (nobody may change them without a link from its mailbox) and gets a notice
   * with its preference link. At most one mail per address per resend window.
   */
  async subscribe(input: SubscribeInput, origin: RequestOrigin): Promise<typeof SUBSCRIBE_ACCEPTED> {
    await this.purgeStale();
    const subscriber = await this.upsertPending(input);
    if (!subscriber) return SUBSCRIBE_ACCEPTED;
    const confirmed = subscriber.status === 'active' || subscriber.status === 'paused';
    if (!confirmed) {
      await recordConsent(this.database, {
        subscriberId: subscriber.id,
        textVersion: CONSENT_VERSION,
        text: consentText(input.language),
        source: origin.source,
        ip: origin.ip,
        userAgent: origin.userAgent?.slice(0, 512) ?? null,
      });
    }
    if (await claimSubscriptionMailSlot(this.database, subscriber.id, this.env.PULSE_CONFIRM_RESEND_SECONDS)) {
      await (confirmed ? this.mail.sendNotice(subscriber) : this.mail.sendConfirmation(subscriber));
    }
    return SUBSCRIBE_ACCEPTED;
  }

  /** Only a pending subscription is confirmed; a stale link must not undo an unsubscribe. */
  async confirm(subscriber: Subscriber): Promise<ConfirmOutcome | 'not-pending'> {
    if (subscriber.status === 'active' || subscriber.status === 'paused') return 'already-confirmed';
    if (subscriber.status !== 'pending') return 'not-pending';
    const row = await confirmSubscriber(this.database, subscriber.id);
    if (row) return 'confirmed';
    const now = await findSubscriber(this.database, subscriber.id);
    return now?.status === 'active' ? 'already-confirmed' : 'not-pending';
  }

  private async upsertPending(input: SubscribeInput): Promise<Subscriber | null> {
    const prefs = preferenceColumns(input);
    const created = await insertSubscriber(this.database, { email: input.email, status: 'pending', ...prefs });
    if (created) return created;
    const existing = await findSubscriber(this.database, input.email);
    if (!existing || existing.status === 'active' || existing.status === 'paused') return existing;
    // A new request after an unsubscribe is a new subscription: links sent before it stop working.
    const tokenVersion = existing.status === 'pending' ? existing.tokenVersion : existing.tokenVersion + 1;
    return updateSubscriber(this.database, existing.id, { ...prefs, status: 'pending', tokenVersion });
  }

  /** Unconfirmed addresses are not kept past their link's life (plus a day of grace). */
  private async purgeStale(): Promise<void> {
    const purged = await purgeStalePendingSubscribers(this.database, this.env.PULSE_CONFIRM_TTL_HOURS * 3600 + 86400);
    if (purged > 0) this.log.log(`purged ${purged} unconfirmed subscription(s)`);
  }
}
