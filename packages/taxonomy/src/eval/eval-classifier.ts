/**
 * `pnpm eval:classifier`: precision, recall and F1 per theme, macro-F1 and the share of
 * no-theme items tagged, on tests/fixtures/corpus/dev.jsonl (shipped thresholds, and 5-fold
 * cross-validated thresholds) and on multilingual.jsonl. `--errors` lists every miss.
 */
import { analyse } from '../classifier';
import { THRESHOLDS } from '../thresholds.data';
import { TAXONOMY_VERSION } from '../version';
import { crossValidate, predict, type Scored } from './calibrate';
import { readCorpus } from './corpus';
import { evaluate, formatReport, type Judged } from './metrics';

function score(file: string): Scored[] {
  return readCorpus(file).map((item) => ({ id: item.id, gold: item.labels, analysis: analyse(item) }));
}

function errors(judged: Judged[], scored: Scored[]): string[] {
  const byId = new Map(scored.map((s) => [s.id, s]));
  const lines: string[] = [];
  for (const j of judged) {
    const missing = j.gold.filter((g) => !j.predicted.includes(g));
    const extra = j.predicted.filter((p) => !j.gold.includes(p));
    if (!missing.length && !extra.length) continue;
    const a = byId.get(j.id)?.analysis;
    const detail = a?.scores.map((s) => `${s.id}=${s.score}[${s.evidence.map((e) => e.term).join('|')}]`).join(' ');
    lines.push(`  ${j.id}  missing: ${missing.join(',') || '-'}  extra: ${extra.join(',') || '-'}  (${a?.language}${a?.excluded.length ? ` excl ${a.excluded.join(',')}` : ''}) ${detail}`);
  }
  return lines;
}

function main(argv: string[]): void {
  const showErrors = argv.includes('--errors');
  console.log(`EMN Pulse classifier evaluation, taxonomy ${TAXONOMY_VERSION}\n`);
  const dev = score('dev.jsonl');
  const devJudged = dev.map((s) => ({ id: s.id, gold: s.gold, predicted: predict(s.analysis, THRESHOLDS) }));
  console.log(formatReport('dev.jsonl, shipped thresholds (calibrated on all of dev)', evaluate(devJudged)));
  if (showErrors) console.log(errors(devJudged, dev).join('\n'));
  console.log('');
  console.log(formatReport('dev.jsonl, 5-fold cross-validated thresholds (each fold scored with thresholds fitted on the other four)', evaluate(crossValidate(dev, 5))));
  console.log('');
  const ml = score('multilingual.jsonl');
  const mlJudged = ml.map((s) => ({ id: s.id, gold: s.gold, predicted: predict(s.analysis, THRESHOLDS) }));
  console.log(formatReport('multilingual.jsonl (fr, de, it, es), shipped thresholds', evaluate(mlJudged)));
  if (showErrors) console.log(errors(mlJudged, ml).join('\n'));
}

main(process.argv.slice(2));
