import { z } from 'zod';
import { databaseEnv, logEnv, mailEnv, parseEnv, redisEnv, secretEnv } from '@pulse/config';
import { digestEnv } from '@pulse/digest-core';

export const DigestAppEnvSchema = databaseEnv
  .extend(redisEnv.shape)
  .extend(mailEnv.shape)
  .extend(secretEnv.shape)
  .extend(logEnv.shape)
  .extend(digestEnv.shape)
  .extend({
    /** Links in digests (preferences, unsubscribe) point here; https in production (RFC 8058). */
    PUBLIC_BASE_URL: z.string().url().default('http://localhost:3000'),
  });
export type DigestAppEnv = z.infer<typeof DigestAppEnvSchema>;

export const DIGEST_ENV = Symbol('digest.env');
export const loadDigestEnv = (source: NodeJS.ProcessEnv = process.env): DigestAppEnv => parseEnv(DigestAppEnvSchema, source);
