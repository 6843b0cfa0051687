import 'reflect-metadata';
import { Logger, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { nestLogLevels, type SharedRuntime } from '@pulse/config';
import { TAXONOMY_VERSION } from '@pulse/taxonomy';
import { ClassifierModule } from './classifier.module';
import { loadClassifierEnv, type ClassifierEnv } from './config/env';

/** The worker without the environment lookup: tests and benchmarks pass their own env. */
export async function createClassifierApp(env: ClassifierEnv, shared: SharedRuntime = {}): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(ClassifierModule.forRoot(env, shared), {
    logger: nestLogLevels(env.LOG_LEVEL),
  });
  app.enableShutdownHooks();
  return app;
}

export async function bootstrap(shared: SharedRuntime = {}): Promise<INestApplicationContext> {
  const env = loadClassifierEnv();
  const app = await createClassifierApp(env, shared);
  new Logger('classifier').log(`classifying items (taxonomy ${TAXONOMY_VERSION}, concurrency ${env.CLASSIFY_CONCURRENCY})`);
  return app;
}

if (require.main === module) void bootstrap();
