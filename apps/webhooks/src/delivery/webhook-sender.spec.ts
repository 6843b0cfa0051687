import { EXCERPT_BYTES, decodeExcerpt } from './webhook-sender.service';

describe('response excerpt', () => {
  it('keeps at most 1 KiB, never half a character, never NUL', () => {
    expect(decodeExcerpt(Buffer.alloc(0))).toBeNull();
    expect(decodeExcerpt(Buffer.from('ok\u0000'))).toBe('ok');
    const long = Buffer.from('é'.repeat(EXCERPT_BYTES)); // 2 bytes each
    const text = decodeExcerpt(long.subarray(0, EXCERPT_BYTES + 1))!;
    expect(text).toBe('é'.repeat(EXCERPT_BYTES / 2));
    const garbage = Buffer.from(Array.from({ length: 2000 }, (_, i) => 0x80 + (i % 64)));
    expect(Buffer.byteLength(decodeExcerpt(garbage)!)).toBeLessThanOrEqual(EXCERPT_BYTES);
  });
});
