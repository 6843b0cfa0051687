import { randomBytes } from 'node:crypto';
import type { Database } from './client';

export interface ItemEvent {
  itemId: string;
  version: number;
  event: 'item.published' | 'item.updated';
  themeIds: string[];
}

/** Standard Webhooks message ids: `msg_` + random; stable across retries of one delivery. */
export const newMessageId = () => `msg_${randomBytes(16).toString('base64url')}`;

/**
 * Writes one delivery row per matching enabled endpoint (outbox first, send later) and
 * returns the ids of every still-pending delivery of this item event, new or not, so a
 * fan-out that crashed before enqueueing is completed by its retry. Job ids dedupe the enqueue.
 */
export async function createDeliveriesForItem(database: Database, e: ItemEvent): Promise<string[]> {
  const endpoints = await database.sql.query<{ id: string }>(
    `SELECT id FROM webhook_endpoints
      WHERE enabled AND events ? $1
        AND (jsonb_array_length(themes) = 0 OR themes ?| $2::text[])`,
    [e.event, e.themeIds],
  );
  for (const ep of endpoints) {
    await database.sql.query(
      `INSERT INTO webhook_deliveries (id, endpoint_id, item_id, item_version, event, next_attempt_at)
       VALUES ($1, $2, $3, $4, $5, now())
       ON CONFLICT (endpoint_id, item_id, item_version, event) DO NOTHING`,
      [newMessageId(), ep.id, e.itemId, e.version, e.event],
    );
  }
  const rows = await database.sql.query<{ id: string }>(
    `SELECT id FROM webhook_deliveries WHERE item_id = $1 AND item_version = $2 AND event = $3 AND status = 'pending'`,
    [e.itemId, e.version, e.event],
  );
  return rows.map((r) => r.id);
}
