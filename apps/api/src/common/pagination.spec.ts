import { decodeCursor, encodeCursor, pageQueryShape, toPage } from './pagination';
import { z } from 'zod';

describe('cursor pagination', () => {
  it('round-trips a keyset position at microsecond precision', () => {
    const cursor = encodeCursor('feeds', '2026-01-01T00:00:00.123456Z', 'abc');
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor('feeds', cursor)).toEqual({ at: '2026-01-01T00:00:00.123456Z', id: 'abc' });
  });

  it('refuses a cursor of another list, a forged one, or garbage', () => {
    const items = encodeCursor('items', '2026-01-01T00:00:00.000000Z', 'x');
    expect(decodeCursor('feeds', items)).toBeNull();
    expect(decodeCursor('feeds', Buffer.from('["feeds","now(); DROP","x"]').toString('base64url'))).toBeNull();
    expect(decodeCursor('feeds', Buffer.from('["feeds","2026-01-01T00:00:00Z",""]').toString('base64url'))).toBeNull();
    expect(decodeCursor('feeds', '!!!')).toBeNull();
  });

  it('validates limit and cursor as query fields', () => {
    const schema = z.strictObject(pageQueryShape('feeds'));
    expect(schema.parse({})).toEqual({ limit: 50, cursor: undefined });
    expect(schema.parse({ limit: '7' }).limit).toBe(7);
    const bad = schema.safeParse({ limit: '0', cursor: 'zzz' });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(['cursor', 'limit']);
  });

  it('uses the extra row only to say a next page exists', () => {
    const rows = [1, 2, 3].map((n) => ({ id: `r${n}`, sortAt: `2026-01-0${n}T00:00:00.000000Z` }));
    const page = toPage(rows, 2, 'feeds', (r) => r.id);
    expect(page.data).toEqual(['r1', 'r2']);
    expect(decodeCursor('feeds', page.nextCursor!)).toEqual({ at: '2026-01-02T00:00:00.000000Z', id: 'r2' });
    expect(toPage(rows, 3, 'feeds', (r) => r.id).nextCursor).toBeNull();
  });
});
