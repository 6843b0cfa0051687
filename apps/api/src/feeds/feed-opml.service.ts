import { Injectable } from '@nestjs/common';
import { FeedKindSchema } from '@pulse/contracts';
import { ProblemError, PROBLEM_BASE } from '../common/problem';
import { CreateFeedSchema, type OpmlImportResult, type OpmlOutcome } from './feed.dto';
import { FeedsService } from './feeds.service';
import { OpmlError, parseOpml, renderOpml, type OpmlFeed } from './opml.codec';

/** A subscription list is a handful to a few hundred sources; more is a mistake or an attack. */
const MAX_OUTLINES = 2000;
/** URL guards resolve DNS: a few at a time, not hundreds at once. */
const CONCURRENCY = 8;

@Injectable()
export class FeedOpmlService {
  constructor(private readonly feeds: FeedsService) {}

  async export(): Promise<string> {
    return renderOpml(await this.feeds.all());
  }

  /** Each outline is created, skipped (already there, or twice in the document) or refused, and said so. */
  async import(text: string): Promise<OpmlImportResult> {
    const outlines = this.parse(text);
    const seen = new Set<string>();
    const outcomes: OpmlOutcome[] = new Array(outlines.length);
    const queue = outlines.map((o, i) => ({ o, i }));
    const work = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const { o, i } = next;
        if (seen.has(o.url)) outcomes[i] = { url: o.url, title: o.title, status: 'skipped', reason: 'listed twice in this document' };
        else {
          seen.add(o.url);
          outcomes[i] = await this.importOne(o);
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, work));
    const count = (s: OpmlOutcome['status']) => outcomes.filter((o) => o.status === s).length;
    return { created: count('created'), skipped: count('skipped'), refused: count('refused'), outlines: outcomes };
  }

  private parse(text: string): OpmlFeed[] {
    let outlines: OpmlFeed[];
    try {
      outlines = parseOpml(text);
    } catch (err) {
      if (!(err instanceof OpmlError)) throw err;
      throw new ProblemError(400, 'Not an OPML document', err.message, { type: `${PROBLEM_BASE}/malformed-body` });
    }
    if (outlines.length > MAX_OUTLINES) {
      throw new ProblemError(413, 'Payload too large', `At most ${MAX_OUTLINES} feeds per import; this document lists ${outlines.length}.`);
    }
    return outlines;
  }

  private async importOne(o: OpmlFeed): Promise<OpmlOutcome> {
    const base = { url: o.url, title: o.title };
    // the same validation as POST /api/feeds; values OPML got wrong fall back to the defaults
    const parsed = CreateFeedSchema.safeParse({
      url: o.url,
      title: o.title?.slice(0, 300) || undefined,
      kind: o.kind && FeedKindSchema.safeParse(o.kind).success ? o.kind : undefined,
      language: o.language?.toLowerCase() ?? undefined,
      pollIntervalSeconds: o.pollIntervalSeconds ?? undefined,
      enabled: o.enabled ?? undefined,
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      if (issue.path[0] !== 'url') return this.importOne({ ...o, [issue.path[0] as string]: null });
      return { ...base, status: 'refused', reason: `not an http(s) URL: ${issue.message}` };
    }
    const outcome = await this.feeds.tryCreate(parsed.data);
    if (outcome.status === 'created') return { ...base, status: 'created', feedId: outcome.feed.id };
    if (outcome.status === 'exists') return { ...base, status: 'skipped', reason: 'a feed with this URL exists already', feedId: outcome.feedId };
    return { ...base, status: 'refused', reason: outcome.reason };
  }
}
