import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';

/** Named limits; each has its own env variable (`rate-limit.env.ts`) and counter per client IP. */
export type RateLimitPolicy = 'public';
export const RATE_LIMIT_POLICY = 'pulse.rate-limit';

/**
 * Limits a route (or every route of a controller) per client IP, e.g. `@RateLimit('public')`
 * on subscribe and unsubscribe. Over the limit: 429 problem with `Retry-After`. The OpenAPI
 * document lists the 429 answer for every route carrying it.
 */
export const RateLimit = (policy: RateLimitPolicy = 'public') =>
  applyDecorators(SetMetadata(RATE_LIMIT_POLICY, policy), ApiExtension('x-rate-limit', policy));
