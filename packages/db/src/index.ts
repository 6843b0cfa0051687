export * from './client';
export * from './migrate';
export * from './database.module';
export * from './schema';
export * from './subscriber.schema';
export * from './api-key.schema';
export * from './webhook.schema';
export * from './webhook-fanout.repository';
