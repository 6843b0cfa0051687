import { ITEM_TYPES, ThemeIdSchema } from '@pulse/contracts';
import { z } from 'zod';
import { pageQueryShape, pageSchema } from '../common/pagination';

export const SUBSCRIBER_LIST = 'subscribers';
export const SUBSCRIBER_STATUSES = ['pending', 'active', 'paused', 'unsubscribed', 'suspended'] as const;
const FREQUENCIES = ['daily', 'weekly'] as const;

export const SubscriberListQuerySchema = z.strictObject({
  ...pageQueryShape(SUBSCRIBER_LIST),
  email: z.string().trim().min(1).max(254).optional().describe('Substring of the address, case-insensitive.'),
  status: z.enum(SUBSCRIBER_STATUSES).optional(),
  theme: ThemeIdSchema.optional().describe('Subscribers following this theme.'),
  frequency: z.enum(FREQUENCIES).optional(),
});
export type SubscriberListQuery = z.output<typeof SubscriberListQuerySchema>;

const Instant = z.iso.datetime();

export const SubscriberSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    status: z.enum(SUBSCRIBER_STATUSES),
    themes: z.array(z.string()),
    types: z.array(z.string()).describe(`Item types (${ITEM_TYPES.join(', ')}); empty: all.`),
    frequency: z.enum(FREQUENCIES),
    timezone: z.string(),
    sendHour: z.number().int(),
    weekday: z.number().int().nullable().describe('ISO weekday (1 = Monday) of a weekly digest.'),
    language: z.string(),
    createdAt: Instant,
    confirmedAt: Instant.nullable(),
    pausedAt: Instant.nullable(),
    unsubscribedAt: Instant.nullable(),
    suspendedAt: Instant.nullable(),
    suspendedReason: z.string().nullable(),
    bounceCount: z.number().int(),
    lastBounceAt: Instant.nullable(),
    lastDigestWindowEnd: Instant.nullable().describe('End of the window of the last digest sent.'),
  })
  .meta({ id: 'Subscriber' });
export type SubscriberDto = z.output<typeof SubscriberSchema>;

export const SubscriberPageSchema = pageSchema(SubscriberSchema, 'SubscriberPage');

export const SubscriberDetailSchema = SubscriberSchema.extend({
  consents: z.array(z.object({ textVersion: z.string(), source: z.string(), agreedAt: Instant, confirmedAt: Instant.nullable() })),
  digests: z.array(z.object({ status: z.string(), count: z.number().int(), lastSentAt: Instant.nullable() })),
}).meta({ id: 'SubscriberDetail' });
export type SubscriberDetail = z.output<typeof SubscriberDetailSchema>;

export const SuspendSchema = z
  .strictObject({ reason: z.string().trim().min(1).max(500).default('suspended by an operator') })
  .meta({ id: 'SuspendSubscriber' });
export type Suspend = z.output<typeof SuspendSchema>;

export const SubscriberStatsSchema = z
  .object({
    total: z.number().int(),
    byStatus: z.record(z.enum(SUBSCRIBER_STATUSES), z.number().int()),
    byTheme: z.record(ThemeIdSchema, z.number().int()).describe('Active subscribers following each theme (every theme listed).'),
    byFrequency: z.record(z.enum(FREQUENCIES), z.number().int()).describe('Active subscribers per frequency.'),
  })
  .meta({ id: 'SubscriberStats' });
export type SubscriberStatsDto = z.output<typeof SubscriberStatsSchema>;

export const SubscriberExportSchema = z
  .looseObject({
    format: z.literal('emn-pulse.subscriber-export.v1'),
    exportedAt: Instant,
    subscriber: z.record(z.string(), z.unknown()),
    consents: z.array(z.record(z.string(), z.unknown())),
    mails: z.array(z.record(z.string(), z.unknown())),
    digests: z.array(z.record(z.string(), z.unknown())),
  })
  .describe('Every row held about the subscriber, as stored.')
  .meta({ id: 'SubscriberExport' });

export const SubscriberErasedSchema = z
  .object({
    subscriberId: z.string(),
    consents: z.number().int(),
    mails: z.number().int(),
    digests: z.number().int(),
  })
  .describe('What was deleted. No address remains in PostgreSQL or in queued jobs.')
  .meta({ id: 'SubscriberErased' });
export type SubscriberErased = z.output<typeof SubscriberErasedSchema>;
