import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { nestLogLevels, type SharedRuntime } from '@pulse/config';
import { ApiModule } from './api.module';
import { ProblemFilter } from './common/problem.filter';
import { ZodValidationPipe } from './common/zod-validation.pipe';
import { loadApiEnv, type ApiEnv } from './config/env';
import { OPML_TYPES } from './feeds/feeds.controller';
import { setupOpenApi } from './openapi/openapi.document';

/** Sets up the HTTP app without listening (tests call this, then `app.listen(0)`). */
export async function createApiApp(env: ApiEnv, shared: SharedRuntime = {}): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(env, shared), {
    logger: nestLogLevels(env.LOG_LEVEL),
  });
  app.enableShutdownHooks();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.useGlobalFilters(new ProblemFilter());
  // validates every `@Body({ schema })` / `@Query({ schema })`, the schemas /docs is built from
  app.useGlobalPipes(new ZodValidationPipe());
  app.useBodyParser('text', { type: OPML_TYPES, limit: '2mb' });
  setupOpenApi(app);
  return app;
}

export async function bootstrap(shared: SharedRuntime = {}): Promise<NestExpressApplication> {
  const env = loadApiEnv();
  const app = await createApiApp(env, shared);
  await app.listen(env.PORT, '0.0.0.0');
  new Logger('api').log(`listening on http://localhost:${env.PORT} (public base ${env.PUBLIC_BASE_URL})`);
  return app;
}

if (require.main === module) void bootstrap();
