import { z } from 'zod';
import { databaseEnv, httpEnv, logEnv, mailEnv, networkEnv, parseEnv, redisEnv, secretEnv } from '@pulse/config';

export const ApiEnvSchema = databaseEnv
  .extend(redisEnv.shape)
  .extend(httpEnv.shape)
  .extend(networkEnv.shape)
  .extend(mailEnv.shape)
  .extend(secretEnv.shape)
  .extend(logEnv.shape);
export type ApiEnv = z.infer<typeof ApiEnvSchema>;

export const API_ENV = Symbol('api.env');
export const loadApiEnv = (source: NodeJS.ProcessEnv = process.env): ApiEnv => parseEnv(ApiEnvSchema, source);
