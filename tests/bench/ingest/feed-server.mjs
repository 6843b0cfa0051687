#!/usr/bin/env node
// The bench's feed server, in its own process so the bench measures the poller's CPU only.
// `/g<generation>/feed-<n>.xml`: RSS 2.0 with ITEMS items built from the labelled corpus
// (real EU item text); each generation has its own item URLs, so a new generation is all new.
// ETag per URL; a conditional GET gets 304. Prints the port on stdout.
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';

const [corpusPath, itemsArg] = process.argv.slice(2);
const ITEMS = Number(itemsArg ?? 100);
const corpus = readFileSync(corpusPath, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function feed(gen, n) {
  const items = [];
  for (let i = 0; i < ITEMS; i++) {
    const c = corpus[(n * ITEMS + i) % corpus.length];
    const url = `https://home-affairs.ec.europa.eu/news/bench-g${gen}-f${n}-i${i}-2026-09-04_en`;
    const day = String(1 + (i % 28)).padStart(2, '0');
    items.push(`<item><title>${esc(c.title)}</title><link>${url}</link><guid>${url}</guid>` +
      `<pubDate>${new Date(`2026-08-${day}T09:00:00Z`).toUTCString()}</pubDate>` +
      `<category>POLICY_AREA=HOME</category><description>${esc(c.summary ?? '')}</description></item>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Bench feed ${n}</title>` +
    `<link>https://home-affairs.ec.europa.eu/</link><language>en</language>${items.join('\n')}</channel></rss>\n`;
}

const cache = new Map();
const server = createServer((req, res) => {
  const m = /^\/g([\w-]+)\/feed-(\d+)\.xml$/.exec(req.url ?? '');
  if (!m) return void res.writeHead(404).end();
  let doc = cache.get(req.url);
  if (!doc) {
    const body = Buffer.from(feed(m[1], Number(m[2])));
    doc = { body, etag: `"${createHash('sha1').update(body).digest('hex')}"` };
    cache.set(req.url, doc);
  }
  if (req.headers['if-none-match'] === doc.etag) return void res.writeHead(304, { etag: doc.etag }).end();
  res.writeHead(200, { 'content-type': 'application/rss+xml', etag: doc.etag, 'content-length': doc.body.length }).end(doc.body);
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`${server.address().port}\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
