import { Injectable } from '@nestjs/common';
import { jobIds, QUEUES, type ItemType, type ThemeId } from '@pulse/contracts';
import { getItemDetail, getItemVersion, InjectDatabase, listItemsPage, type Database, type ItemAdminRow } from '@pulse/db';
import { JobProducer } from '@pulse/queue';
import { iso, toPage } from '../common/pagination';
import { NotFoundProblem } from '../common/problem';
import { ITEM_LIST, type ItemDetail, type ItemListQuery, type ItemSummary, type Reclassify } from './item.dto';

@Injectable()
export class ItemsService {
  constructor(
    @InjectDatabase() private readonly database: Database,
    private readonly jobs: JobProducer,
  ) {}

  async list(query: ItemListQuery): Promise<{ data: ItemSummary[]; nextCursor: string | null }> {
    const filter = {
      themes: query.theme,
      types: query.type,
      language: query.language,
      feedId: query.source,
      publishedFrom: query.from ? new Date(query.from) : undefined,
      publishedTo: query.to ? new Date(query.to) : undefined,
      words: query.q,
      classified: query.classified,
    };
    const rows = await listItemsPage(this.database, filter, { limit: query.limit + 1, after: query.cursor });
    return toPage(rows, query.limit, ITEM_LIST, toSummary);
  }

  async get(id: string): Promise<ItemDetail> {
    const item = await getItemDetail(this.database, id);
    if (!item) throw new NotFoundProblem(`Item ${id}`);
    return {
      ...toSummary(item),
      themes: item.themes.map((t) => ({ id: t.id as ThemeId, score: t.score, evidence: t.evidence ?? [] })),
      contentHtml: item.contentHtml,
      sourceUpdatedAt: iso(item.sourceUpdatedAt),
      classifiedVersion: item.classifiedVersion,
      sources: item.sources.map((s) => ({ ...s, firstSeenAt: s.firstSeenAt.toISOString(), lastSeenAt: s.lastSeenAt.toISOString() })),
    };
  }

  /**
   * Classifies the current version again. The usual job id is per version, so a finished job
   * would swallow the request: this one gets its own, and the classifier's idempotence keeps a
   * result that does not change from fanning out twice.
   */
  async reclassify(id: string): Promise<Reclassify> {
    const version = await getItemVersion(this.database, id);
    if (version === null) throw new NotFoundProblem(`Item ${id}`);
    const jobId = `${jobIds.itemClassify({ itemId: id, version })}-manual-${Date.now()}`;
    await this.jobs.add(QUEUES.itemClassify, { itemId: id, version }, { jobId, removeOnComplete: { count: 1000 }, removeOnFail: { count: 1000 } });
    return { itemId: id, version, jobId };
  }
}

function toSummary(i: ItemAdminRow): ItemSummary {
  return {
    id: i.id,
    url: i.url,
    guid: i.guid,
    title: i.title,
    summary: i.summary,
    publishedAt: iso(i.publishedAt),
    language: i.language,
    type: i.type as ItemType,
    categories: i.categories,
    startsAt: iso(i.startsAt),
    endsAt: iso(i.endsAt),
    location: i.location,
    version: i.version,
    updated: i.updated,
    firstSeenAt: i.firstSeenAt.toISOString(),
    changedAt: i.changedAt.toISOString(),
    classifiedAt: iso(i.classifiedAt),
    taxonomyVersion: i.taxonomyVersion,
    themes: i.themes.map((t) => ({ id: t.id as ThemeId, score: t.score })),
    feedIds: i.feedIds,
  };
}
