import { Injectable } from '@nestjs/common';
import { THEME_IDS } from '@pulse/contracts';
import {
  findSubscriber,
  getSubscriberActivity,
  InjectDatabase,
  listSubscribersPage,
  subscriberStats,
  suspendSubscriber,
  unsuspendSubscriber,
  type Database,
  type Subscriber,
  type SubscriberExport,
} from '@pulse/db';
import { iso, toPage } from '../common/pagination';
import { ConflictProblem, NotFoundProblem } from '../common/problem';
import { PreferencesService } from '../subscriptions/preferences.service';
import {
  SUBSCRIBER_LIST,
  SUBSCRIBER_STATUSES,
  type SubscriberDetail,
  type SubscriberDto,
  type SubscriberErased,
  type SubscriberListQuery,
  type SubscriberStatsDto,
} from './subscriber.dto';

/** Operator view of subscribers. Export and erase are the subscriptions code's, the same ones the preference centre uses. */
@Injectable()
export class SubscribersService {
  constructor(
    @InjectDatabase() private readonly database: Database,
    private readonly preferences: PreferencesService,
  ) {}

  async list(query: SubscriberListQuery): Promise<{ data: SubscriberDto[]; nextCursor: string | null }> {
    const { limit, cursor, ...filter } = query;
    const rows = await listSubscribersPage(this.database, filter, { limit: limit + 1, after: cursor });
    return toPage(rows, limit, SUBSCRIBER_LIST, toSubscriberDto);
  }

  async get(id: string): Promise<SubscriberDetail> {
    const s = await this.require(id);
    const activity = await getSubscriberActivity(this.database, s.id);
    return {
      ...toSubscriberDto(s),
      consents: activity.consents.map((c) => ({ ...c, agreedAt: c.agreedAt.toISOString(), confirmedAt: iso(c.confirmedAt) })),
      digests: activity.digests.map((d) => ({ ...d, lastSentAt: iso(d.lastSentAt) })),
    };
  }

  async export(id: string): Promise<SubscriberExport> {
    return this.preferences.export(await this.require(id));
  }

  async erase(id: string): Promise<SubscriberErased> {
    const erased = await this.preferences.erase(await this.require(id));
    if (!erased) throw new NotFoundProblem(`Subscriber ${id}`);
    return { subscriberId: erased.subscriberId, consents: erased.consents, mails: erased.mails, digests: erased.digests };
  }

  async suspend(id: string, reason: string): Promise<SubscriberDto> {
    const current = await this.require(id);
    const row = await suspendSubscriber(this.database, current.id, reason);
    if (!row) throw new ConflictProblem('An unsubscribed subscriber cannot be suspended; they receive nothing already.');
    return toSubscriberDto(row);
  }

  async unsuspend(id: string): Promise<SubscriberDto> {
    const current = await this.require(id);
    const row = await unsuspendSubscriber(this.database, current.id);
    if (!row) throw new ConflictProblem(`The subscriber is ${current.status}, not suspended.`);
    return toSubscriberDto(row);
  }

  async stats(): Promise<SubscriberStatsDto> {
    const s = await subscriberStats(this.database);
    const zeros = <K extends string>(keys: readonly K[], counts: Record<string, number>) =>
      Object.fromEntries(keys.map((k) => [k, counts[k] ?? 0])) as Record<K, number>;
    return {
      total: s.total,
      byStatus: zeros(SUBSCRIBER_STATUSES, s.byStatus),
      byTheme: zeros(THEME_IDS, s.byTheme),
      byFrequency: zeros(['daily', 'weekly'] as const, s.byFrequency),
    };
  }

  private async require(id: string): Promise<Subscriber> {
    const s = await findSubscriber(this.database, id);
    if (!s) throw new NotFoundProblem(`Subscriber ${id}`);
    return s;
  }
}

export function toSubscriberDto(s: Subscriber): SubscriberDto {
  return {
    id: s.id,
    email: s.email,
    status: s.status,
    themes: s.themes,
    types: s.types,
    frequency: s.frequency,
    timezone: s.timezone,
    sendHour: s.sendHour,
    weekday: s.weekday,
    language: s.language,
    createdAt: s.createdAt.toISOString(),
    confirmedAt: iso(s.confirmedAt),
    pausedAt: iso(s.pausedAt),
    unsubscribedAt: iso(s.unsubscribedAt),
    suspendedAt: iso(s.suspendedAt),
    suspendedReason: s.suspendedReason,
    bounceCount: s.bounceCount,
    lastBounceAt: iso(s.lastBounceAt),
    lastDigestWindowEnd: iso(s.lastDigestWindowEnd),
  };
}
