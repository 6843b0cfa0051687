import { z } from 'zod';

export const ITEM_TYPES = ['press-release', 'news', 'event', 'publication', 'newsletter'] as const;
export const ItemTypeSchema = z.enum(ITEM_TYPES);
export type ItemType = z.infer<typeof ItemTypeSchema>;
/** A feed's kind is the default type of its items. */
export const FeedKindSchema = ItemTypeSchema;
export type FeedKind = ItemType;

/**
 * One normalised item, as produced by `@pulse/feeds` and stored by ingest.
 * Dates are UTC ISO 8601 strings; `publishedAt` is null when the source gives none
 * (it is never invented).
 */
export const NewsItemSchema = z.object({
  id: z.string(),
  guid: z.string().nullable(),
  url: z.string().nullable(),
  title: z.string(),
  summary: z.string(),
  contentHtml: z.string().nullable(),
  publishedAt: z.string().nullable(),
  updatedAt: z.string().nullable().optional(),
  language: z.string().nullable(),
  type: ItemTypeSchema,
  categories: z.array(z.string()),
  startsAt: z.string().nullable().optional(),
  endsAt: z.string().nullable().optional(),
  location: z.string().nullable().optional(),
  sourceFeedId: z.string().nullable().optional(),
});
export type NewsItem = z.infer<typeof NewsItemSchema>;
