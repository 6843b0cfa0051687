import { z } from 'zod';
import { databaseEnv, httpEnv, logEnv, mailEnv, networkEnv, parseEnv, redisEnv, secretEnv } from '@pulse/config';
import { subscriptionsEnv } from '../subscriptions/subscriptions.env';
import { rateLimitEnv } from '../rate-limit/rate-limit.env';
import { webhookEndpointsEnv } from '../webhook-endpoints/webhook-endpoints.env';

export const ApiEnvSchema = databaseEnv
  .extend(redisEnv.shape)
  .extend(httpEnv.shape)
  .extend(networkEnv.shape)
  .extend(mailEnv.shape)
  .extend(secretEnv.shape)
  .extend(logEnv.shape)
  .extend(subscriptionsEnv.shape)
  .extend(rateLimitEnv.shape)
  .extend(webhookEndpointsEnv.shape);
export type ApiEnv = z.infer<typeof ApiEnvSchema>;

export const API_ENV = Symbol('api.env');
export const loadApiEnv = (source: NodeJS.ProcessEnv = process.env): ApiEnv => parseEnv(ApiEnvSchema, source);
