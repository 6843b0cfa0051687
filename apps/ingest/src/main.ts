import 'reflect-metadata';
import { Logger, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { nestLogLevels, type SharedRuntime } from '@pulse/config';
import { IngestModule } from './ingest.module';
import { loadIngestEnv, type IngestEnv } from './config/env';

/** The worker without a signal handler of its own (tests close it). */
export async function createIngestApp(env: IngestEnv, shared: SharedRuntime = {}): Promise<INestApplicationContext> {
  return NestFactory.createApplicationContext(IngestModule.forRoot(env, shared), { logger: nestLogLevels(env.LOG_LEVEL) });
}

export async function bootstrap(shared: SharedRuntime = {}): Promise<INestApplicationContext> {
  const env = loadIngestEnv();
  const app = await createIngestApp(env, shared);
  app.enableShutdownHooks();
  new Logger('ingest').log(`started (poll concurrency ${env.PULSE_POLL_CONCURRENCY})`);
  return app;
}

if (require.main === module) void bootstrap();
