import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import type { RateLimitRule } from './rate-limit.env';

export const RATE_LIMIT_REDIS = Symbol('rate-limit.redis');
export const RATE_LIMIT_PREFIX = Symbol('rate-limit.prefix');

export interface RateLimitState {
  /** Requests counted in the current window, this one included when it was a hit. */
  count: number;
  limited: boolean;
  remaining: number;
  /** Whole seconds until the window ends (at least 1 while limited). */
  resetSeconds: number;
}

/**
 * Fixed window per (bucket, client): the first hit starts a window of `windowSeconds`; the
 * count and its expiry are set in one script so concurrent API processes agree. Chosen over a
 * sliding log for its O(1) memory per client and an exact `Retry-After` (the key's TTL).
 */
const HIT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {count, ttl}`;

@Injectable()
export class RateLimiterService implements OnApplicationShutdown {
  private readonly log = new Logger('rate-limit');

  constructor(
    @Inject(RATE_LIMIT_REDIS) private readonly redis: Redis,
    @Inject(RATE_LIMIT_PREFIX) private readonly prefix: string,
  ) {}

  /** Counts one request and says whether it is over the limit. */
  async hit(bucket: string, client: string, rule: RateLimitRule): Promise<RateLimitState> {
    const result = await this.guarded(async () => {
      const [count, ttl] = (await this.redis.eval(HIT, 1, this.key(bucket, client), rule.windowSeconds * 1000)) as [number, number];
      return this.state(count, ttl, rule, count > rule.max);
    });
    return result ?? this.state(0, 0, rule, false);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  private key(bucket: string, client: string): string {
    return `${this.prefix}:rate-limit:${bucket}:${client}`;
  }

  private state(count: number, ttlMs: number, rule: RateLimitRule, limited: boolean): RateLimitState {
    return {
      count,
      limited,
      remaining: Math.max(0, rule.max - count),
      resetSeconds: Math.max(limited ? 1 : 0, Math.ceil(Math.max(ttlMs, 0) / 1000)),
    };
  }

  /** Redis trouble must not take the API down with it: limits fail open, loudly. */
  private async guarded<T>(fn: () => Promise<T>): Promise<T | null> {
    try {
      return await fn();
    } catch (err) {
      this.log.warn(`rate limiting skipped: ${(err as Error).message}`);
      return null;
    }
  }
}
