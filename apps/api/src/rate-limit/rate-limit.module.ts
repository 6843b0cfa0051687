import { Global, Logger, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import Redis from 'ioredis';
import { API_ENV, type ApiEnv } from '../config/env';
import { RateLimitGuard } from './rate-limit.guard';
import { RATE_LIMIT_PREFIX, RATE_LIMIT_REDIS, RateLimiterService } from './rate-limiter.service';

function connect(env: ApiEnv): Redis {
  const redis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: 1, connectTimeout: 2000 });
  const log = new Logger('rate-limit');
  let reported = false;
  redis.on('error', (err: Error) => {
    if (!reported) log.warn(`redis: ${err.message}`);
    reported = true;
  });
  redis.on('ready', () => (reported = false));
  return redis;
}

/** Redis-backed limits, shared by every API process. Global: the auth guard and any feature use it. */
@Global()
@Module({
  providers: [
    { provide: RATE_LIMIT_REDIS, useFactory: connect, inject: [API_ENV] },
    // under the queue prefix, so a test's prefix cleanup removes its counters too
    { provide: RATE_LIMIT_PREFIX, useFactory: (env: ApiEnv) => env.PULSE_QUEUE_PREFIX, inject: [API_ENV] },
    RateLimiterService,
    { provide: APP_GUARD, useClass: RateLimitGuard },
  ],
  exports: [RateLimiterService],
})
export class RateLimitModule {}
