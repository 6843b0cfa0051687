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

type NestLogLevel = 'error' | 'warn' | 'log' | 'debug';
const NEST_LOG_LEVELS: Record<'debug' | 'info' | 'warn' | 'error', NestLogLevel[]> = {
  debug: ['error', 'warn', 'log', 'debug'],
  info: ['error', 'warn', 'log'],
  warn: ['error', 'warn'],
  error: ['error'],
};
/** The Nest logger levels shown for a `LOG_LEVEL`. */
export const nestLogLevels = (level: keyof typeof NEST_LOG_LEVELS): NestLogLevel[] => [...NEST_LOG_LEVELS[level]];
