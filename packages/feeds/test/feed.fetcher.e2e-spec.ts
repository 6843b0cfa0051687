import type { ServerResponse } from 'node:http';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { type FixtureServer, startFixtureServer } from '@pulse/testing';
import { type FetchOptions, fetchFeed, parseFeed } from '@pulse/feeds';
import { feedFailure as failure } from './feed-error.helper';

/**
 * fetchFeed against a real HTTP server on loopback. The server is private, so the normal cases
 * allow private networks; the refusal cases do not, or use an explicit address policy.
 */
const FEED = `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Fixture</title>${Array.from(
  { length: 50 },
  (_, i) => `<item><title>Item ${i} – Łódź</title><link>https://emn.example.eu/${i}</link></item>`,
).join('')}</channel></rss>`;
const MIB = 1024 * 1024;

let server: FixtureServer;
const open: FetchOptions = { allowPrivateNetworks: true };

beforeAll(async () => {
  server = await startFixtureServer();
});
afterAll(() => server.close());


/** Streams `total` bytes in 64 KiB chunks, stopping when the client goes away; reports what it wrote. */
async function stream(res: ServerResponse, total: number, onDone: (written: number) => void): Promise<void> {
  const chunk = Buffer.alloc(64 * 1024, 'a');
  let written = 0;
  let closed = false;
  res.on('close', () => (closed = true));
  while (written < total && !closed) {
    written += chunk.length;
    if (!res.write(chunk)) await new Promise((resolve) => (res.once('drain', resolve), res.once('close', resolve)));
  }
  if (!closed) res.end();
  onDone(written);
}

describe('fetchFeed', () => {
  it('fetches with a descriptive User-Agent and returns the cache hints', async () => {
    server.route('/feed.xml', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag: '"v1"', 'last-modified': 'Fri, 04 Sep 2026 07:00:00 GMT', 'cache-control': 'max-age=900' });
      res.end(FEED);
    });
    const res = await fetchFeed(`${server.url}/feed.xml`, open);
    expect(res).toMatchObject({ status: 'ok', etag: '"v1"', lastModified: 'Fri, 04 Sep 2026 07:00:00 GMT', maxAgeSeconds: 900, retryAfterSeconds: null, contentType: 'application/rss+xml; charset=utf-8', finalUrl: `${server.url}/feed.xml` });
    expect(res.status === 'ok' && res.body.toString('utf8')).toBe(FEED);
    const seen = server.requests.at(-1);
    expect(seen?.headers['user-agent']).toMatch(/^EMN-Pulse\/1\.0 \(\+https?:\/\/\S+; feed reader\)$/);
    expect(seen?.headers['accept-encoding']).toBe('gzip, deflate, br');
    expect(seen?.headers['if-none-match']).toBeUndefined();
  });

  it('makes a conditional GET and reports 304 as not modified', async () => {
    server.route('/conditional.xml', (req, res) => {
      if (req.headers['if-none-match'] === '"v2"' || req.headers['if-modified-since'] === 'Fri, 04 Sep 2026 08:00:00 GMT') {
        res.writeHead(304, { etag: '"v2"', 'cache-control': 'max-age=60' }).end();
        return;
      }
      res.writeHead(200, { etag: '"v2"', 'last-modified': 'Fri, 04 Sep 2026 08:00:00 GMT' }).end(FEED);
    });
    const first = await fetchFeed(`${server.url}/conditional.xml`, open);
    expect(first.status).toBe('ok');
    const byEtag = await fetchFeed(`${server.url}/conditional.xml`, { ...open, etag: first.etag });
    expect(byEtag).toEqual({ status: 'not-modified', finalUrl: `${server.url}/conditional.xml`, etag: '"v2"', lastModified: null, maxAgeSeconds: 60, retryAfterSeconds: null });
    const byDate = await fetchFeed(`${server.url}/conditional.xml`, { ...open, lastModified: first.lastModified });
    expect(byDate.status).toBe('not-modified');
    expect(server.requests.at(-1)?.headers['if-modified-since']).toBe('Fri, 04 Sep 2026 08:00:00 GMT');
  });

  it.each([
    ['gzip', gzipSync],
    ['br', brotliCompressSync],
    ['deflate', deflateSync],
    ['deflate', deflateRawSync],
  ] as const)('decodes %s, streamed without Content-Length', async (encoding, compress) => {
    server.route('/compressed.xml', (_req, res) => {
      const body = compress(Buffer.from(FEED));
      res.writeHead(200, { 'content-encoding': encoding, 'transfer-encoding': 'chunked' });
      // Several writes: a chunked body, as the press corner sends it.
      for (let i = 0; i < body.length; i += 100) res.write(body.subarray(i, i + 100));
      res.end();
    });
    const res = await fetchFeed(`${server.url}/compressed.xml`, open);
    expect(res.status === 'ok' && res.body.toString('utf8')).toBe(FEED);
    const feed = await parseFeed(res.status === 'ok' ? res.body : '');
    expect(feed.items).toHaveLength(50);
  });

  it('stops reading a 50 MB body early (too large)', async () => {
    let served!: (written: number) => void;
    const done = new Promise<number>((resolve) => (served = resolve));
    server.route('/huge.xml', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/xml' });
      void stream(res, 50 * MIB, served);
    });
    const err = await failure(fetchFeed(`${server.url}/huge.xml`, open));
    expect(err.code).toBe('too-large');
    const written = await done;
    expect(written).toBeGreaterThan(0);
    expect(written).toBeLessThan(40 * MIB); // 15 MiB read, plus what socket buffers held: far from 50
  });

  it('refuses a declared Content-Length over the limit before reading', async () => {
    let served!: (written: number) => void;
    const done = new Promise<number>((resolve) => (served = resolve));
    server.route('/declared.xml', (_req, res) => {
      res.writeHead(200, { 'content-length': String(50 * MIB) });
      void stream(res, 50 * MIB, served);
    });
    const err = await failure(fetchFeed(`${server.url}/declared.xml`, open));
    expect(err).toMatchObject({ code: 'too-large' });
    expect(err.message).toMatch(/Content-Length/);
    const written = await done;
    expect(written).toBeLessThan(40 * MIB); // nothing read: only what socket buffers took
  });

  it('limits the decoded size of a compressed body (a gzip bomb)', async () => {
    const bomb = gzipSync(Buffer.alloc(50 * MIB));
    expect(bomb.length).toBeLessThan(MIB);
    server.route('/bomb.xml', (_req, res) => void res.writeHead(200, { 'content-encoding': 'gzip' }).end(bomb));
    expect((await failure(fetchFeed(`${server.url}/bomb.xml`, open))).code).toBe('too-large');
    expect((await failure(fetchFeed(`${server.url}/bomb.xml`, { ...open, maxBytes: MIB }))).message).toMatch(/1 MiB/);
  });

  it('gives up on a slow-dripping server at the deadline (timeout)', async () => {
    server.route('/drip.xml', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/xml' });
      res.write('<rss version="2.0"><channel>');
      const timer = setInterval(() => res.write(' '), 100);
      res.on('close', () => clearInterval(timer));
    });
    const err = await failure(fetchFeed(`${server.url}/drip.xml`, { ...open, timeoutMs: 1500 }));
    expect(err.code).toBe('timeout');
    expect(err.message).toMatch(/1\.5 s/);
  });

  it('follows up to five redirects, relative ones included, and refuses a sixth', async () => {
    for (let i = 0; i < 6; i++) server.route(`/hop/${i}`, (_req, res) => void res.writeHead(i % 2 ? 301 : 302, { location: `/hop/${i + 1}` }).end());
    server.route('/hop/6', (_req, res) => void res.writeHead(200).end(FEED));
    const five = await fetchFeed(`${server.url}/hop/1`, open);
    expect(five).toMatchObject({ status: 'ok', finalUrl: `${server.url}/hop/6` });
    const six = await failure(fetchFeed(`${server.url}/hop/0`, open));
    expect(six.code).toBe('too-many-redirects');
    expect((await failure(fetchFeed(`${server.url}/hop/4`, { ...open, maxRedirects: 1 }))).code).toBe('too-many-redirects');
  });

  it('re-checks every redirect hop: a redirect to loopback is refused', async () => {
    // Allow exactly the fixture server's address, as a public feed host would be allowed.
    const policy = { allowPrivateNetworks: false, addressPolicy: (ip: string) => ip === '127.0.0.1' };
    const targets = [`http://[::1]:${server.port}/feed.xml`, `http://127.0.0.2:${server.port}/feed.xml`, `http://2130706434:${server.port}/feed.xml`, `http://0x7f.2:${server.port}/feed.xml`];
    for (const [i, target] of targets.entries()) {
      server.route(`/to-loopback/${i}`, (_req, res) => void res.writeHead(302, { location: target }).end());
      const err = await failure(fetchFeed(`${server.url}/to-loopback/${i}`, policy));
      expect(err.code).toBe('refused-address');
    }
    server.route('/to-self', (_req, res) => void res.writeHead(307, { location: `${server.url}/feed.xml` }).end());
    await expect(fetchFeed(`${server.url}/to-self`, policy)).resolves.toMatchObject({ status: 'ok' });
  });

  it('refuses the loopback server itself when private networks are not allowed, before any request', async () => {
    const before = server.requests.length;
    for (const url of [`${server.url}/feed.xml`, `http://localhost:${server.port}/feed.xml`, `http://2130706433:${server.port}/feed.xml`]) {
      expect((await failure(fetchFeed(url, { allowPrivateNetworks: false }))).code).toBe('refused-address');
    }
    expect(server.requests.length).toBe(before);
  });

  it.each([
    [404, () => ({}), undefined],
    [410, () => ({}), undefined],
    [503, () => ({ 'retry-after': '120' }), 120],
    [429, () => ({ 'retry-after': new Date(Date.now() + 600_000).toUTCString() }), 600],
    [202, () => ({}), undefined],
  ])('turns HTTP %i into http-error', async (status, headers, retryAfter) => {
    server.route(`/status/${status}`, (_req, res) => void res.writeHead(status, headers()).end('<html>error</html>'));
    const err = await failure(fetchFeed(`${server.url}/status/${status}`, open));
    expect(err.code).toBe('http-error');
    expect(err.httpStatus).toBe(status);
    if (retryAfter === undefined) expect(err.retryAfterSeconds).toBeUndefined();
    else expect(Math.abs((err.retryAfterSeconds ?? 0) - retryAfter)).toBeLessThanOrEqual(2);
  });

  it('fetches an HTML page and an empty body, which parsing then names', async () => {
    server.route('/page.html', (_req, res) => void res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><html><body>Just a moment…</body></html>'));
    server.route('/empty.xml', (_req, res) => void res.writeHead(200, { 'content-type': 'application/xml' }).end());
    const page = await fetchFeed(`${server.url}/page.html`, open);
    const empty = await fetchFeed(`${server.url}/empty.xml`, open);
    expect((await failure(parseFeed(page.status === 'ok' ? page.body : 'x', { contentType: 'text/html' }))).code).toBe('not-a-feed');
    expect(empty.status === 'ok' && empty.body.length).toBe(0);
    expect((await failure(parseFeed(empty.status === 'ok' ? empty.body : 'x'))).code).toBe('empty');
  });

  it('reports a refused connection as a network error', async () => {
    const err = await failure(fetchFeed('http://127.0.0.1:1/feed.xml', open));
    expect(err.code).toBe('network');
    expect(err.message).toMatch(/ECONNREFUSED/);
  });

  it('reports a corrupt compressed body as malformed', async () => {
    server.route('/bad-gzip.xml', (_req, res) => void res.writeHead(200, { 'content-encoding': 'gzip' }).end(Buffer.from('this is not gzip at all')));
    expect((await failure(fetchFeed(`${server.url}/bad-gzip.xml`, open))).code).toBe('malformed');
  });
});
