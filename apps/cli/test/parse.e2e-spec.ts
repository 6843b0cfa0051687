import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type FixtureServer, startFixtureServer } from '@pulse/testing';

/** `pulse parse` as an operator runs it: the built CLI in its own process. */
const CLI = join(__dirname, '..', 'dist', 'main.js');
const FEEDS = join(__dirname, '..', '..', '..', 'tests', 'fixtures', 'feeds');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

const pulse = (args: string[], env: Record<string, string> = {}): Promise<Run> =>
  new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { env: { ...process.env, PULSE_ALLOW_PRIVATE_NETWORKS: '', ...env } }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });

let server: FixtureServer;
beforeAll(async () => {
  server = await startFixtureServer();
  server.route('/events.ics', (_req, res) => void res.writeHead(200, { 'content-type': 'text/calendar' }).end(readFileSync(join(FEEDS, 'emn_events.ics'))));
});
afterAll(() => server.close());

describe('pulse parse', () => {
  it('fetches a URL when private networks are allowed, and prints one JSON line per item', async () => {
    const { code, stdout, stderr } = await pulse(['parse', `${server.url}/events.ics`, '--json'], { PULSE_ALLOW_PRIVATE_NETWORKS: '1' });
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(5);
    expect(lines[0]).toEqual({
      id: expect.stringMatching(/^itm_/),
      guid: 'emn-conf-2026@emn.example.eu',
      url: 'https://emn.example.eu/events/annual-conference-2026',
      title: 'EMN Annual Conference 2026: Legal pathways and labour migration',
      summary: 'The conference brings together policy makers, researchers and National Contact Points. Registration closes on 1 September.',
      publishedAt: '2026-06-15T08:00:00.000Z',
      language: null,
      type: 'event',
      startsAt: '2026-09-15T07:30:00.000Z',
      endsAt: '2026-09-15T15:30:00.000Z',
      location: 'Charlemagne building, Brussels',
      categories: ['legal-migration', 'conference'],
    });
  }, 60_000);

  it('refuses a loopback URL by default: one line on stderr, non-zero exit, no stack', async () => {
    const url = `${server.url}/events.ics`;
    const { code, stdout, stderr } = await pulse(['parse', url, '--json']);
    expect(code).not.toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toBe(`pulse: ${url}: refused to connect to non-public address 127.0.0.1\n`);
  }, 60_000);

  it('names a file that is not a feed', async () => {
    const file = join(FEEDS, 'hostile', 'html_instead_of_feed.html');
    const { code, stdout, stderr } = await pulse(['parse', file, '--json']);
    expect(code).not.toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toBe(`pulse: ${file}: not a feed (HTML document)\n`);
  }, 60_000);

  it('prints a short table without --json', async () => {
    const { code, stdout } = await pulse(['parse', join(FEEDS, 'ec_presscorner_rss_en_2026-09-04.xml')]);
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toBe('Press releases - RSS: 10 items (en)');
    expect(lines[1]).toMatch(/^published\s+lang\s+type\s+title$/);
    expect(lines[2]).toMatch(/^2026-09-04 07:28\s+en\s+news\s+Daily News 04 \/ 09 \/ 2026$/);
    expect(lines[3]?.trim()).toBe('https://ec.europa.eu/commission/presscorner/detail/en/mex_26_1797');
  }, 60_000);
});
