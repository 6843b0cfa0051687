import 'reflect-metadata';
import { Logger, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { nestLogLevels, type SharedRuntime } from '@pulse/config';
import { loadWebhooksEnv, type WebhooksEnv } from './config/env';
import { WebhooksModule } from './webhooks.module';

/** The worker without the environment lookup: tests and benchmarks pass their own env. */
export async function createWebhooksApp(env: WebhooksEnv, shared: SharedRuntime = {}): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(WebhooksModule.forRoot(env, shared), {
    logger: nestLogLevels(env.LOG_LEVEL),
  });
  app.enableShutdownHooks();
  return app;
}

export async function bootstrap(shared: SharedRuntime = {}): Promise<INestApplicationContext> {
  const env = loadWebhooksEnv();
  const app = await createWebhooksApp(env, shared);
  new Logger('webhooks').log(
    `delivering webhooks (concurrency ${env.PULSE_WEBHOOK_CONCURRENCY}, ${env.PULSE_WEBHOOK_RETRY_SCHEDULE.length} retries, private networks ${env.PULSE_ALLOW_PRIVATE_NETWORKS ? 'allowed' : 'refused'})`,
  );
  return app;
}

if (require.main === module) void bootstrap();
