import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants.js';
import { Reflector } from '@nestjs/core';
import type { ApiKeyRecord } from '@pulse/db';
import type { Request } from 'express';
import { ForbiddenProblem, TooManyRequestsProblem, UnauthorizedProblem } from '../common/problem';
import { API_ENV, type ApiEnv } from '../config/env';
import type { RateLimitRule } from '../rate-limit/rate-limit.env';
import { clientIp } from '../rate-limit/rate-limit.guard';
import { RateLimiterService } from '../rate-limit/rate-limiter.service';
import { ApiKeyService } from './api-key.service';
import { IS_PUBLIC } from './public.decorator';
import { defaultScope, REQUIRED_SCOPE, type ApiScope } from './require-scope.decorator';

export type AuthenticatedRequest = Request & { apiKey?: ApiKeyRecord };

const AUTH_FAILURES = 'auth-failure';

/**
 * Global: every route under `/api` needs `Authorization: Bearer <key>` unless `@Public()`.
 * Failures are counted per IP in Redis (shared by every API process). Once an IP is over the
 * limit, this process refuses it before looking at any key, valid or not, until the window
 * ends; so a request with a good key costs no Redis round trip, only the key lookup.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly failureRule: RateLimitRule;
  /** IP → when its block ends (ms), learnt from the shared counter. */
  private readonly blockedUntil = new Map<string, number>();

  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeyService,
    private readonly limiter: RateLimiterService,
    @Inject(API_ENV) env: ApiEnv,
  ) {
    this.failureRule = env.PULSE_RATE_LIMIT_AUTH_FAILURES;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const targets = [context.getHandler(), context.getClass()];
    if (!isAdminRoute(context, req) || this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const ip = clientIp(req);
    const until = this.blockedUntil.get(ip);
    if (until !== undefined && until > Date.now()) throw this.tooMany(Math.ceil((until - Date.now()) / 1000));
    if (until !== undefined) this.blockedUntil.delete(ip);

    const token = bearerToken(req);
    const key = token ? await this.keys.verify(token) : null;
    if (!key) {
      const failures = await this.limiter.hit(AUTH_FAILURES, ip, this.failureRule);
      if (failures.limited) {
        this.block(ip, failures.resetSeconds);
        throw this.tooMany(failures.resetSeconds);
      }
      throw new UnauthorizedProblem(
        token ? 'The API key is not valid or has been revoked.' : 'This route needs an API key: Authorization: Bearer <key>.',
      );
    }
    const needed = this.reflector.getAllAndOverride<ApiScope | undefined>(REQUIRED_SCOPE, targets) ?? defaultScope(req.method);
    if (needed === 'write' && key.scope !== 'write') {
      throw new ForbiddenProblem(`The key "${key.name}" has the read scope; this route needs write.`);
    }
    req.apiKey = key;
    return true;
  }

  private block(ip: string, seconds: number): void {
    const now = Date.now();
    // many distinct addresses must not grow the map without end: expired blocks go first
    if (this.blockedUntil.size >= 10_000) for (const [k, t] of this.blockedUntil) if (t <= now) this.blockedUntil.delete(k);
    if (this.blockedUntil.size < 10_000) this.blockedUntil.set(ip, now + seconds * 1000);
  }

  private tooMany(retryAfter: number): TooManyRequestsProblem {
    return new TooManyRequestsProblem(
      `Too many failed authentications from this address (at most ${this.failureRule.max} per ${this.failureRule.windowSeconds} s).`,
      retryAfter,
    );
  }
}

/**
 * Decided by the controller's declared path and by the request path, so neither a controller
 * under `api/` nor a case or slash variant of the URL (Express matches case-insensitively)
 * slips past.
 */
function isAdminRoute(context: ExecutionContext, req: Request): boolean {
  const declared = Reflect.getMetadata(PATH_METADATA, context.getClass()) as string | string[] | undefined;
  const paths = Array.isArray(declared) ? declared : [declared ?? ''];
  if (paths.some((p) => /^\/*api(\/|$)/i.test(p))) return true;
  return /^\/*api(\/|$)/i.test(req.path);
}

function bearerToken(req: Request): string | null {
  const header = req.headers.authorization;
  const m = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return m ? m[1]! : null;
}
