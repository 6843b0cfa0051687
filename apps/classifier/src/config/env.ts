import { z } from 'zod';
import { databaseEnv, logEnv, parseEnv, redisEnv } from '@pulse/config';

export const classifierEnv = z.object({
  /** Items classified at once by one worker process (classification itself is CPU, ~0.1 ms). */
  CLASSIFY_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
});

export const ClassifierEnvSchema = databaseEnv.extend(redisEnv.shape).extend(logEnv.shape).extend(classifierEnv.shape);
export type ClassifierEnv = z.infer<typeof ClassifierEnvSchema>;

export const CLASSIFIER_ENV = Symbol('classifier.env');
export const loadClassifierEnv = (source: NodeJS.ProcessEnv = process.env): ClassifierEnv => parseEnv(ClassifierEnvSchema, source);
