import { z } from 'zod';

/**
 * Cursor pagination for every admin list: `?limit=&cursor=` in, `{ data, nextCursor }` out.
 * The cursor is opaque to clients: base64url of the list it belongs to and the last row's
 * keyset position (sort key at full precision, id), so pages never repeat or skip a row even
 * when rows are added between requests.
 */
export interface Keyset {
  at: string;
  id: string;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

export function encodeCursor(list: string, at: string, id: string): string {
  return Buffer.from(JSON.stringify([list, at, id]), 'utf8').toString('base64url');
}

export function decodeCursor(list: string, cursor: string): Keyset | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 3) return null;
    const [l, at, id] = value as unknown[];
    if (l !== list || typeof at !== 'string' || !ISO_INSTANT.test(at) || typeof id !== 'string' || !id) return null;
    return { at, id };
  } catch {
    return null;
  }
}

/** Query fields every list accepts; spread into the list's own query schema. */
export const pageQueryShape = (list: string) => ({
  limit: z.coerce.number().int().min(1).max(200).default(50).describe('Page size (1–200).'),
  cursor: z
    .string()
    .max(1000)
    .optional()
    .describe('`nextCursor` of the previous page; omit for the first page.')
    .transform((value, ctx) => {
      if (value === undefined) return undefined;
      const keyset = decodeCursor(list, value);
      if (!keyset) ctx.addIssue({ code: 'custom', message: `not a cursor of the ${list} list` });
      return keyset ?? undefined;
    }),
});

export const pageSchema = <T extends z.ZodType>(item: T, id: string) =>
  z
    .object({
      data: z.array(item),
      nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last page.'),
    })
    .meta({ id });

/** Rows were fetched with `limit + 1`: the extra one only says that a next page exists. */
export function toPage<R extends { sortAt: string; id: string }, T>(
  rows: R[],
  limit: number,
  list: string,
  map: (row: R) => T,
): { data: T[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { data: page.map(map), nextCursor: rows.length > limit && last ? encodeCursor(list, last.sortAt, last.id) : null };
}

/** Dates leave the API as UTC ISO 8601 strings; a string is one already (formatted by the query). */
export function iso(d: Date | string): string;
export function iso(d: Date | string | null | undefined): string | null;
export function iso(d: Date | string | null | undefined): string | null {
  return d == null ? null : typeof d === 'string' ? d : d.toISOString();
}
