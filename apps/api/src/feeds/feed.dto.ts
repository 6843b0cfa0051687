import { FeedKindSchema } from '@pulse/contracts';
import { z } from 'zod';
import { pageQueryShape, pageSchema } from '../common/pagination';

export const FEED_LIST = 'feeds';

export const HttpUrlSchema = z.url({ protocol: /^https?$/ }).max(2048);
export const LanguageSchema = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'a BCP 47 language tag such as en or pt-BR');
const PollIntervalSchema = z.number().int().min(60).max(7 * 24 * 3600).describe('Seconds between polls (60 s to 7 days).');
/** Query strings carry text; only these two spellings are booleans. */
export const QueryBoolSchema = z.enum(['true', 'false']).transform((v) => v === 'true');

export const CreateFeedSchema = z
  .strictObject({
    url: HttpUrlSchema.describe('http(s) URL of an RSS, Atom, RDF or iCalendar source; must resolve to a public address.'),
    title: z.string().trim().min(1).max(300).optional().describe('Defaults to the URL.'),
    kind: FeedKindSchema.default('news').describe('Default type of the items of this source.'),
    language: LanguageSchema.nullable().optional(),
    pollIntervalSeconds: PollIntervalSchema.default(1800),
    enabled: z.boolean().default(true),
  })
  .meta({ id: 'CreateFeed' });
export type CreateFeed = z.output<typeof CreateFeedSchema>;

export const UpdateFeedSchema = z
  .strictObject({
    url: HttpUrlSchema.optional(),
    title: z.string().trim().min(1).max(300).optional(),
    kind: FeedKindSchema.optional(),
    language: LanguageSchema.nullable().optional(),
    pollIntervalSeconds: PollIntervalSchema.optional(),
    enabled: z.boolean().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'give at least one field to change')
  .meta({ id: 'UpdateFeed' });
export type UpdateFeed = z.output<typeof UpdateFeedSchema>;

export const FeedListQuerySchema = z.strictObject({
  ...pageQueryShape(FEED_LIST),
  enabled: QueryBoolSchema.optional(),
  kind: FeedKindSchema.optional(),
  failing: QueryBoolSchema.optional().describe('true: only feeds whose last poll failed.'),
  q: z.string().trim().min(1).max(200).optional().describe('Substring of the title or URL, case-insensitive.'),
});
export type FeedListQuery = z.output<typeof FeedListQuerySchema>;

const Instant = z.iso.datetime();

export const FeedErrorSchema = z
  .object({ code: z.string().describe('timeout, too-large, http-error, not-a-feed, malformed, refused-address, …'), message: z.string(), at: Instant.nullable() })
  .meta({ id: 'FeedError' });

export const FeedSchema = z
  .object({
    id: z.string(),
    url: z.string(),
    title: z.string(),
    kind: FeedKindSchema,
    language: z.string().nullable(),
    pollIntervalSeconds: z.number().int(),
    enabled: z.boolean(),
    demo: z.boolean().describe('Served by the local demo server (PULSE_FEEDS=demo).'),
    lastPolledAt: Instant.nullable(),
    lastSuccessAt: Instant.nullable(),
    consecutiveFailures: z.number().int(),
    lastError: FeedErrorSchema.nullable(),
    nextPollAt: Instant.nullable(),
    createdAt: Instant,
    updatedAt: Instant,
  })
  .meta({ id: 'Feed' });
export type Feed = z.output<typeof FeedSchema>;

export const FeedPageSchema = pageSchema(FeedSchema, 'FeedPage');

export const FeedHealthSchema = z
  .object({
    feedId: z.string(),
    status: z.enum(['ok', 'failing', 'pending', 'disabled']).describe('pending: never polled yet.'),
    enabled: z.boolean(),
    lastPolledAt: Instant.nullable(),
    lastSuccessAt: Instant.nullable(),
    lastError: FeedErrorSchema.nullable(),
    consecutiveFailures: z.number().int(),
    nextPollAt: Instant.nullable(),
  })
  .meta({ id: 'FeedHealth' });
export type FeedHealth = z.output<typeof FeedHealthSchema>;

export const FeedPollSchema = z
  .object({ feedId: z.string(), jobId: z.string(), enabled: z.boolean().describe('A disabled feed is polled once all the same.') })
  .meta({ id: 'FeedPoll' });
export type FeedPoll = z.output<typeof FeedPollSchema>;

export const OpmlOutcomeSchema = z.object({
  url: z.string(),
  title: z.string().nullable(),
  status: z.enum(['created', 'skipped', 'refused']),
  reason: z.string().optional().describe('Why it was skipped or refused.'),
  feedId: z.string().optional().describe('The new feed, or the existing one it duplicates.'),
});
export type OpmlOutcome = z.output<typeof OpmlOutcomeSchema>;

export const OpmlImportResultSchema = z
  .object({
    created: z.number().int(),
    skipped: z.number().int(),
    refused: z.number().int(),
    outlines: z.array(OpmlOutcomeSchema).describe('One entry per outline with an xmlUrl, in document order.'),
  })
  .meta({ id: 'OpmlImportResult' });
export type OpmlImportResult = z.output<typeof OpmlImportResultSchema>;
