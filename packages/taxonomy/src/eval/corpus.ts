import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A labelled item of tests/fixtures/corpus/*.jsonl. */
export interface CorpusItem {
  id: string;
  title: string;
  summary: string;
  labels: string[];
  language?: string;
}

/** tests/fixtures/corpus, from src/eval (tests, ts) or dist/eval (the built eval). */
export const CORPUS_DIR = join(__dirname, '..', '..', '..', '..', 'tests', 'fixtures', 'corpus');

export function readCorpus(file: string): CorpusItem[] {
  const text = readFileSync(join(CORPUS_DIR, file), 'utf8');
  return text
    .split('\n')
    .filter((line) => line.trim())
    .map((line, i) => {
      const o = JSON.parse(line) as Partial<CorpusItem>;
      if (typeof o.id !== 'string' || typeof o.title !== 'string' || !Array.isArray(o.labels)) {
        throw new Error(`${file}:${i + 1}: not a labelled item`);
      }
      return { id: o.id, title: o.title, summary: o.summary ?? '', labels: o.labels, language: o.language };
    });
}
