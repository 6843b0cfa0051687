import { ITEM_TYPES, ItemTypeSchema, THEME_IDS, ThemeEvidenceSchema, ThemeIdSchema } from '@pulse/contracts';
import { z } from 'zod';
import { pageQueryShape, pageSchema } from '../common/pagination';

export const ITEM_LIST = 'items';

/** `a,b` or `?x=a&x=b`: both give a list, each value checked. */
const listOf = <T extends z.ZodType<string, string>>(value: T) =>
  z
    .union([z.string(), z.array(z.string())])
    .transform((v) => (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(value).min(1).max(20));

/** An instant with a zone, or a date (midnight UTC). */
const Instant = z.union([z.iso.datetime({ offset: true }), z.iso.date()]);

export const ItemListQuerySchema = z
  .strictObject({
    ...pageQueryShape(ITEM_LIST),
    theme: listOf(ThemeIdSchema).optional().describe(`Theme ids, comma-separated: items carrying any of them. One or more of ${THEME_IDS.join(', ')}.`),
    type: listOf(ItemTypeSchema).optional().describe(`Item types, comma-separated: one or more of ${ITEM_TYPES.join(', ')}.`),
    language: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/).optional(),
    source: z.string().min(1).max(200).optional().describe('A feed id: items that feed carried.'),
    from: Instant.optional().describe('Published at or after (ISO 8601 date or date-time).'),
    to: Instant.optional().describe('Published before (ISO 8601 date or date-time).'),
    q: z
      .string()
      .max(200)
      .transform((v) => v.match(/[\p{L}\p{N}]+/gu)?.slice(0, 10).map((w) => w.toLowerCase()) ?? [])
      .refine((words) => words.length > 0, 'give at least one word')
      .optional()
      .describe('Words, each matched as a word prefix in the title or summary (case-insensitive, all must match).'),
    classified: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  })
  .refine((q) => !q.from || !q.to || new Date(q.from) < new Date(q.to), { message: '`from` must be before `to`', path: ['to'] });
export type ItemListQuery = z.output<typeof ItemListQuerySchema>;

const Nullable = z.iso.datetime().nullable();

export const ItemThemeSummarySchema = z.object({ id: ThemeIdSchema, score: z.number() });
export const ItemThemeSchema = ItemThemeSummarySchema.extend({
  evidence: z.array(ThemeEvidenceSchema).describe('The terms or rules that fired, and where.'),
}).meta({ id: 'ItemTheme' });

export const ItemSummarySchema = z
  .object({
    id: z.string(),
    url: z.string().nullable(),
    guid: z.string().nullable(),
    title: z.string(),
    summary: z.string(),
    publishedAt: Nullable,
    language: z.string().nullable(),
    type: ItemTypeSchema,
    categories: z.array(z.string()),
    startsAt: Nullable,
    endsAt: Nullable,
    location: z.string().nullable(),
    version: z.number().int().describe('Bumped when the source changes the title or summary.'),
    updated: z.boolean(),
    firstSeenAt: z.iso.datetime(),
    changedAt: z.iso.datetime(),
    classifiedAt: Nullable,
    taxonomyVersion: z.string().nullable(),
    themes: z.array(ItemThemeSummarySchema),
    feedIds: z.array(z.string()),
  })
  .meta({ id: 'ItemSummary' });
export type ItemSummary = z.output<typeof ItemSummarySchema>;

export const ItemPageSchema = pageSchema(ItemSummarySchema, 'ItemPage');

export const ItemDetailSchema = ItemSummarySchema.extend({
  contentHtml: z.string().nullable(),
  sourceUpdatedAt: Nullable,
  classifiedVersion: z.number().int().nullable().describe('The item version the themes were computed for.'),
  themes: z.array(ItemThemeSchema),
  sources: z.array(
    z.object({
      feedId: z.string(),
      feedTitle: z.string(),
      feedUrl: z.string(),
      url: z.string().nullable(),
      firstSeenAt: z.iso.datetime(),
      lastSeenAt: z.iso.datetime(),
    }),
  ),
}).meta({ id: 'ItemDetail' });
export type ItemDetail = z.output<typeof ItemDetailSchema>;

export const ReclassifySchema = z
  .object({ itemId: z.string(), version: z.number().int(), jobId: z.string() })
  .meta({ id: 'ReclassifyQueued' });
export type Reclassify = z.output<typeof ReclassifySchema>;
