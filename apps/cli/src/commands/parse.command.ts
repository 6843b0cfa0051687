import { type Command, Option } from 'commander';
import { ITEM_TYPES, type ItemType, type NewsItem } from '@pulse/contracts';
import { FeedError, isUrlSource, itemRecord, type ParsedFeed, readFeedSource } from '@pulse/feeds';
import { CliError } from '../cli-error';
import { loadCliEnv } from '../config/env';

interface ParseCliOptions {
  json?: boolean;
  baseUrl?: string;
  type?: ItemType;
  language?: string;
  timeout?: string;
}

const FILE_ERRORS: Record<string, string> = {
  ENOENT: 'no such file',
  EISDIR: 'is a directory',
  EACCES: 'permission denied',
};

function explain(source: string, err: unknown): CliError {
  if (err instanceof FeedError) return new CliError(`${source}: ${err.message}`);
  const code = (err as NodeJS.ErrnoException).code;
  if (code && FILE_ERRORS[code]) return new CliError(`${source}: ${FILE_ERRORS[code]}`);
  return new CliError(`${source}: ${err instanceof Error ? err.message : String(err)}`);
}

const cell = (text: string, width: number): string => (text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width));

function table(feed: ParsedFeed, source: string): string {
  const lines = [`${feed.title ?? source}: ${feed.items.length} item${feed.items.length === 1 ? '' : 's'}${feed.language ? ` (${feed.language})` : ''}`];
  if (feed.items.length === 0) return `${lines[0]}\n`;
  lines.push(`${cell('published', 16)}  ${cell('lang', 5)}  ${cell('type', 13)}  title`);
  for (const item of feed.items) {
    const when = (item.type === 'event' ? item.startsAt : item.publishedAt) ?? '';
    const date = when ? when.slice(0, 16).replace('T', ' ') : '-';
    lines.push(`${cell(date, 16)}  ${cell(item.language ?? '-', 5)}  ${cell(item.type, 13)}  ${cell(item.title || '(no title)', 72).trimEnd()}`);
    lines.push(`${' '.repeat(16 + 2 + 5 + 2 + 13 + 2)}${item.url ?? item.guid ?? ''}`);
  }
  return `${lines.join('\n')}\n`;
}

const jsonLines = (items: NewsItem[]): string => items.map((i) => `${JSON.stringify(itemRecord(i))}\n`).join('');

async function run(source: string, opts: ParseCliOptions): Promise<void> {
  const env = loadCliEnv();
  const timeoutMs = opts.timeout ? Number(opts.timeout) * 1000 : undefined;
  if (timeoutMs !== undefined && !(timeoutMs > 0)) throw new CliError(`--timeout must be a positive number of seconds`);
  let feed: ParsedFeed;
  try {
    feed = await readFeedSource(source, {
      allowPrivateNetworks: env.PULSE_ALLOW_PRIVATE_NETWORKS,
      baseUrl: opts.baseUrl ?? null,
      ...(opts.type ? { defaultType: opts.type } : {}),
      defaultLanguage: opts.language ?? null,
      ...(timeoutMs ? { timeoutMs } : {}),
    });
  } catch (err) {
    throw explain(source, err);
  }
  // `pulse parse … --json | head` closes the pipe early; that is not an error.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
  });
  process.stdout.write(opts.json ? jsonLines(feed.items) : table(feed, source));
}

export function register(program: Command): void {
  program
    .command('parse')
    .description('read a feed (file or http(s) URL) and print its normalised items')
    .argument('<file-or-url>', 'RSS, Atom, RDF or iCalendar file, or a URL to fetch')
    .option('--json', 'one JSON object per item per line')
    .option('--base-url <url>', 'resolve relative links in a local file against this URL')
    .addOption(new Option('--type <type>', 'item type when the feed does not say').choices([...ITEM_TYPES]))
    .option('--language <code>', 'language when neither the item nor the feed says')
    .option('--timeout <seconds>', 'fetch timeout for a URL (default 20)')
    .addHelpText('after', `\nURLs pass the SSRF guard; set PULSE_ALLOW_PRIVATE_NETWORKS=1 to reach loopback or private hosts.`)
    .action(async (source: string, opts: ParseCliOptions) => {
      if (!isUrlSource(source) && /^[a-z][a-z0-9+.-]*:\/\//i.test(source)) throw new CliError(`${source}: only http and https URLs can be fetched`);
      await run(source, opts);
    });
}
