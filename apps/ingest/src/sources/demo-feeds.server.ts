import { createReadStream, readdirSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join } from 'node:path';

/** The captured feeds, from this file in src/sources or dist/sources. */
export const DEFAULT_DEMO_FEEDS_DIR = join(__dirname, '..', '..', '..', '..', 'tests', 'fixtures', 'feeds');

export interface DemoFile {
  name: string;
  path: string;
}

// No charset parameter: the captured files carry their own (BOM, XML declaration), as many
// real servers leave it to them.
const TYPES: Record<string, string> = {
  '.xml': 'application/xml',
  '.rss': 'application/rss+xml',
  '.atom': 'application/atom+xml',
  '.rdf': 'application/rdf+xml',
  '.ics': 'text/calendar',
  '.json': 'application/json',
  '.html': 'text/html',
  '.htm': 'text/html',
  '.txt': 'text/plain',
};

/** Every regular file of the folder, except notes about it (README, dotfiles). */
export function listDemoFiles(dir: string): DemoFile[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && !e.name.startsWith('.') && !/^readme/i.test(e.name))
    .map((e) => ({ name: e.name, path: join(dir, e.name) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Serves the captured feeds on loopback like a well-behaved feed server: validators from size
 * and mtime (editing a file makes it "changed"), 304 to a conditional GET. Files are read per
 * request, so an edit shows up at the next poll.
 */
export class DemoFeedsServer {
  private server: Server | null = null;
  origin = '';

  constructor(private readonly files: DemoFile[]) {}

  async start(): Promise<string> {
    const byPath = new Map(this.files.map((f) => [`/${encodeURIComponent(f.name)}`, f]));
    this.server = createServer((req, res) => this.serve(byPath, req, res));
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(0, '127.0.0.1', resolve);
    });
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.origin;
  }

  urlOf(file: DemoFile): string {
    return `${this.origin}/${encodeURIComponent(file.name)}`;
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private serve(byPath: Map<string, DemoFile>, req: IncomingMessage, res: ServerResponse): void {
    const file = byPath.get((req.url ?? '/').split('?')[0]!);
    if (!file || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(file ? 405 : 404).end();
      return;
    }
    let stat;
    try {
      stat = statSync(file.path);
    } catch {
      res.writeHead(404).end();
      return;
    }
    const etag = `"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
    const lastModified = stat.mtime.toUTCString();
    const headers = { etag, 'last-modified': lastModified };
    const since = Date.parse(req.headers['if-modified-since'] ?? '');
    const fresh = req.headers['if-none-match']
      ? req.headers['if-none-match'] === etag
      : !Number.isNaN(since) && Math.floor(stat.mtimeMs / 1000) * 1000 <= since;
    if (fresh) {
      res.writeHead(304, headers).end();
      return;
    }
    const type = TYPES[extname(file.name).toLowerCase()] ?? 'application/octet-stream';
    res.writeHead(200, { ...headers, 'content-type': type, 'content-length': stat.size });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file.path).on('error', () => res.destroy()).pipe(res);
  }
}
