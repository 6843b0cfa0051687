import { Injectable, Logger } from '@nestjs/common';
import { findActiveApiKey, InjectDatabase, touchApiKey, type ApiKeyRecord, type Database } from '@pulse/db';

/** `last_used_at` is a hint for operators, not an audit log: written at most this often per key. */
const TOUCH_INTERVAL_MS = 60_000;

@Injectable()
export class ApiKeyService {
  private readonly log = new Logger('api-key');
  private readonly touchedAt = new Map<string, number>();

  constructor(@InjectDatabase() private readonly database: Database) {}

  /** The unrevoked key behind a bearer token, or null. Revocation takes effect on the next request. */
  async verify(token: string): Promise<ApiKeyRecord | null> {
    const key = await findActiveApiKey(this.database, token);
    if (key) this.touch(key);
    return key;
  }

  /** Off the request path: the write is not awaited, and skipped when the row is recent enough. */
  private touch(key: ApiKeyRecord): void {
    const now = Date.now();
    const last = Math.max(key.lastUsedAt?.getTime() ?? 0, this.touchedAt.get(key.id) ?? 0);
    if (now - last < TOUCH_INTERVAL_MS) return;
    this.touchedAt.set(key.id, now);
    touchApiKey(this.database, key.id, new Date(now)).catch((err: Error) => this.log.warn(`last_used_at not updated: ${err.message}`));
  }
}
