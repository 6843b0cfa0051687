import 'reflect-metadata';
import { setFlagsFromString } from 'node:v8';
import { Logger, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { nestLogLevels, type SharedRuntime } from '@pulse/config';
import { loadDigestEnv, type DigestAppEnv } from './config/env';
import { DigestModule } from './digest.module';

/** The worker without signal handlers of its own (tests close it). */
export async function createDigestApp(env: DigestAppEnv, shared: SharedRuntime = {}): Promise<INestApplicationContext> {
  return NestFactory.createApplicationContext(DigestModule.forRoot(env, shared), { logger: nestLogLevels(env.LOG_LEVEL) });
}

export async function bootstrap(shared: SharedRuntime = {}, env: DigestAppEnv = loadDigestEnv()): Promise<INestApplicationContext> {
  const app = await createDigestApp(env, shared);
  // SIGTERM: workers finish the sends in hand, then the pool and database close.
  app.enableShutdownHooks();
  new Logger('digest').log(`started (send concurrency ${env.PULSE_DIGEST_CONCURRENCY}, mail ${env.SMTP_URL ? 'SMTP' : `outbox ${env.PULSE_OUTBOX_DIR}`})`);
  return app;
}

if (require.main === module) {
  // Its own process (not the embedded all-in-one): bound how far V8 lets the old generation
  // grow past what is live before collecting (PULSE_DIGEST_HEAP_GROWTH_PERCENT). V8 applies it
  // when it sizes the heap after a collection, so setting it here at start takes effect
  // (tests/bench/digest: peak RSS about 300 MB with V8's own choice, about 210 MB at 100).
  const env = loadDigestEnv();
  if (env.PULSE_DIGEST_HEAP_GROWTH_PERCENT > 0) setFlagsFromString(`--heap-growing-percent=${env.PULSE_DIGEST_HEAP_GROWTH_PERCENT}`);
  void bootstrap({}, env);
}
