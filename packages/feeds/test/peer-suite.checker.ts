import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The lenient comparison described in tests/fixtures/peer-feedparser/README.md, applied to the
 * JSON lines `pulse parse <file> --json` prints.
 */
export interface PeerCheck {
  kind: 'title' | 'textContains' | 'url' | 'guid' | 'publishedAt' | 'language' | 'count';
  entry: number | null;
  expected: string | number | null;
  field?: string;
}

export interface PeerCase {
  file: string;
  format: string;
  description: string;
  checks: PeerCheck[];
}

export type PeerItem = Record<string, unknown>;

export const PEER_DIR = join(__dirname, '..', '..', '..', 'tests', 'fixtures', 'peer-feedparser');

export const loadPeerCases = (): PeerCase[] => JSON.parse(readFileSync(join(PEER_DIR, 'manifest.json'), 'utf8')) as PeerCase[];

const norm = (s: string): string => s.normalize('NFC').replace(/\u00a0/g, ' ').replace(/\s+/g, ' ').trim();
const squeeze = (s: string): string => s.normalize('NFC').replace(/[\s\u00a0]+/g, '');

function sameUrl(actual: unknown, expected: string | null): boolean {
  if (expected === null) return actual === null || actual === undefined || actual === '';
  if (typeof actual !== 'string') return false;
  if (actual === expected) return true;
  try {
    // WHATWG URL lower-cases scheme and host, drops a default port and turns "" into "/".
    return new URL(actual).toString() === new URL(expected).toString();
  } catch {
    return false;
  }
}

function sameInstant(actual: unknown, expected: string): boolean {
  if (typeof actual !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(actual)) return false;
  return Date.parse(actual) === Date.parse(expected);
}

export function checkPasses(check: PeerCheck, items: PeerItem[]): boolean {
  if (check.kind === 'count') return items.length === check.expected;
  const item = items[check.entry ?? 0];
  if (!item) return false;
  const expected = check.expected;
  switch (check.kind) {
    case 'title':
      return typeof item.title === 'string' && norm(item.title) === norm(String(expected));
    case 'textContains': {
      const value = item[check.field ?? 'summary'];
      return typeof value === 'string' && squeeze(value).includes(squeeze(String(expected)));
    }
    case 'url':
      return sameUrl(item.url, expected as string | null);
    case 'guid': {
      const guid = typeof item.guid === 'string' && item.guid.trim() ? item.guid : item.id;
      return guid === expected;
    }
    case 'publishedAt':
      return sameInstant(item.publishedAt, String(expected));
    case 'language': {
      const canon = (v: unknown): string => String(v).toLowerCase().replace(/_/g, '-');
      return typeof item.language === 'string' && canon(item.language) === canon(expected);
    }
    default:
      return false;
  }
}

/** JSON-object lines of a CLI's stdout, in order. */
export const itemsFromStdout = (stdout: string): PeerItem[] =>
  stdout
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as PeerItem);

export interface PeerFailure {
  file: string;
  check: PeerCheck;
  actual: unknown;
}

export function scoreCase(c: PeerCase, items: PeerItem[]): { passed: number; failures: PeerFailure[] } {
  let passed = 0;
  const failures: PeerFailure[] = [];
  for (const check of c.checks) {
    if (checkPasses(check, items)) passed++;
    else {
      const item = items[check.entry ?? 0];
      const field = check.kind === 'textContains' ? (check.field ?? 'summary') : check.kind;
      failures.push({ file: c.file, check, actual: check.kind === 'count' ? items.length : item?.[field] });
    }
  }
  return { passed, failures };
}
