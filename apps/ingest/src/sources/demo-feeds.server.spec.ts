import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DemoFeedsServer, listDemoFiles } from './demo-feeds.server';

describe('demo feeds server', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pulse-demo-'));
  let server: DemoFeedsServer;

  beforeAll(async () => {
    writeFileSync(join(dir, 'a feed.xml'), '<rss version="2.0"><channel><title>A</title></channel></rss>');
    writeFileSync(join(dir, 'events.ics'), 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n');
    writeFileSync(join(dir, 'README.md'), 'notes');
    server = new DemoFeedsServer(listDemoFiles(dir));
    await server.start();
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves every feed file of the folder, not its notes', () => {
    expect(listDemoFiles(dir).map((f) => f.name)).toEqual(['a feed.xml', 'events.ics']);
  });

  it('answers a conditional GET with 304 until the file changes', async () => {
    const [file] = listDemoFiles(dir);
    const first = await fetch(server.urlOf(file!));
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('application/xml');
    const etag = first.headers.get('etag')!;
    expect((await fetch(server.urlOf(file!), { headers: { 'if-none-match': etag } })).status).toBe(304);
    const lastModified = first.headers.get('last-modified')!;
    expect((await fetch(server.urlOf(file!), { headers: { 'if-modified-since': lastModified } })).status).toBe(304);

    writeFileSync(file!.path, '<rss version="2.0"><channel><title>A, edited</title></channel></rss>');
    utimesSync(file!.path, new Date(), new Date(Date.now() + 5000));
    const edited = await fetch(server.urlOf(file!), { headers: { 'if-none-match': etag } });
    expect(edited.status).toBe(200);
    expect(await edited.text()).toContain('A, edited');
    expect((await fetch(`${server.origin}/README.md`)).status).toBe(404);
  });
});
