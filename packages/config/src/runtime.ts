import type { INestApplicationContext } from '@nestjs/common';

/**
 * What the launcher hands each app when they share one process (embedded PGlite mode:
 * PGlite has a single connection, so all apps use the one opened by the launcher).
 * Typed loosely here so that @pulse/config stays free of @pulse/db.
 */
export interface SharedRuntime {
  database?: unknown;
}

export type AppBootstrap = (shared?: SharedRuntime) => Promise<INestApplicationContext>;
