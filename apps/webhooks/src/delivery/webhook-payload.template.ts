import type { ItemSnapshot } from '@pulse/db';

/** The event a test ping carries; it goes through the same send path as item events. */
export const PING_EVENT = 'ping';

export interface WebhookSource {
  feedId: string;
  title: string;
  url: string | null;
}

export interface ItemEventData {
  id: string;
  title: string;
  summary: string;
  url: string | null;
  publishedAt: string | null;
  updatedAt: string | null;
  language: string | null;
  type: string;
  categories: string[];
  startsAt: string | null;
  endsAt: string | null;
  location: string | null;
  /** The first source that carried the item; `sources` lists every one. */
  source: WebhookSource | null;
  sources: WebhookSource[];
  themes: { id: string; score: number; evidence: unknown[] }[];
  taxonomyVersion: string | null;
  /** The item version this content is (bumped when the source changes title or summary). */
  version: number;
}

/** Standard Webhooks payload shape: `type`, `timestamp` (when the event occurred), `data`. */
export interface WebhookPayload<T = ItemEventData> {
  type: string;
  timestamp: string;
  data: T;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function itemEventPayload(event: string, occurredAt: Date, snapshot: ItemSnapshot): WebhookPayload {
  const { item, themes, sources } = snapshot;
  const shownSources = sources.map((s) => ({ feedId: s.feedId, title: s.feedTitle, url: s.url }));
  return {
    type: event,
    timestamp: occurredAt.toISOString(),
    data: {
      id: item.id,
      title: item.title,
      summary: item.summary,
      url: item.canonicalUrl,
      publishedAt: iso(item.publishedAt),
      updatedAt: iso(item.sourceUpdatedAt),
      language: item.language,
      type: item.type,
      categories: item.categories,
      startsAt: iso(item.startsAt),
      endsAt: iso(item.endsAt),
      location: item.location,
      source: shownSources[0] ?? null,
      sources: shownSources,
      themes: themes.map((t) => ({ id: t.themeId, score: t.score, evidence: t.evidence })),
      taxonomyVersion: item.taxonomyVersion,
      version: item.version,
    },
  };
}

export function pingPayload(endpointId: string, occurredAt: Date): WebhookPayload<{ endpointId: string; message: string }> {
  return {
    type: PING_EVENT,
    timestamp: occurredAt.toISOString(),
    data: { endpointId, message: 'Test delivery from EMN Pulse. Answer 2xx to acknowledge.' },
  };
}
