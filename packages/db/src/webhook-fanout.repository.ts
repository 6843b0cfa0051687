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
  const rows = await database.sql.query<{ id: string }>(FANOUT_SQL, [e.itemId, e.version, e.event, e.themeIds], { prepared: 'webhook-fanout' });
  return rows.map((r) => r.id);
}

/**
 * One statement, one round trip (it runs on the classifier's hot path): the rows inserted now,
 * plus the ones a crashed earlier fan-out left pending. The outer SELECT sees the table as it
 * was before this statement's INSERT, so no id comes back twice. Ids are `newMessageId()`'s
 * format, made from a random UUID's 16 bytes.
 */
const FANOUT_SQL = `
  WITH inserted AS (
    INSERT INTO webhook_deliveries (id, endpoint_id, item_id, item_version, event, next_attempt_at)
    SELECT 'msg_' || translate(rtrim(encode(uuid_send(gen_random_uuid()), 'base64'), '='), '+/', '-_'), ep.id, $1, $2, $3, now()
      FROM webhook_endpoints ep
     WHERE ep.enabled AND ep.events ? $3
       AND (jsonb_array_length(ep.themes) = 0 OR ep.themes ?| $4::text[])
    ON CONFLICT (endpoint_id, item_id, item_version, event) DO NOTHING
    RETURNING id
  )
  SELECT id FROM inserted
  UNION ALL
  SELECT id FROM webhook_deliveries WHERE item_id = $1 AND item_version = $2 AND event = $3 AND status = 'pending'`;
