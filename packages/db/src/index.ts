export * from './client';
export * from './migrate';
export * from './database.module';
export * as schema from './schema';
export * from './schema';
