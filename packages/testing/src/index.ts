export * from './database';
export * from './redis';
export * from './http-fixture.server';
export * from './smtp-sink';
export * from './digest.factory';
