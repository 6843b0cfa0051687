export * from './connection';
export * from './job.producer';
export * from './contract.processor';
export * from './queue.module';
