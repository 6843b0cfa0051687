import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { TooManyRequestsProblem } from '../common/problem';
import { API_ENV, type ApiEnv } from '../config/env';
import { RATE_LIMIT_POLICY, type RateLimitPolicy } from './rate-limit.decorator';
import type { RateLimitRule } from './rate-limit.env';
import { RateLimiterService } from './rate-limiter.service';

/** The client as the limits see it: `req.ip` honours `trust proxy` (loopback proxies only). */
export const clientIp = (req: Request): string => req.ip ?? req.socket.remoteAddress ?? 'unknown';

/** Applies `@RateLimit(policy)`: counts the request, sets `RateLimit-*` headers, 429 when over. */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly rules: Record<RateLimitPolicy, RateLimitRule>;

  constructor(
    private readonly reflector: Reflector,
    private readonly limiter: RateLimiterService,
    @Inject(API_ENV) env: ApiEnv,
  ) {
    this.rules = { public: env.PULSE_RATE_LIMIT_PUBLIC };
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const policy = this.reflector.getAllAndOverride<RateLimitPolicy | undefined>(RATE_LIMIT_POLICY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!policy) return true;
    const rule = this.rules[policy];
    const http = context.switchToHttp();
    const state = await this.limiter.hit(policy, clientIp(http.getRequest<Request>()), rule);
    http
      .getResponse<Response>()
      .set({ 'RateLimit-Limit': String(rule.max), 'RateLimit-Remaining': String(state.remaining), 'RateLimit-Reset': String(state.resetSeconds) });
    if (state.limited) {
      throw new TooManyRequestsProblem(
        `At most ${rule.max} requests per ${rule.windowSeconds} s from one address; retry in ${state.resetSeconds} s.`,
        state.resetSeconds,
      );
    }
    return true;
  }
}
