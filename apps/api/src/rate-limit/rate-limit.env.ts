import { z } from 'zod';

/** `<max>/<seconds>`: at most `max` counted requests per client IP in a window of `seconds`. */
const limit = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((v, ctx) => {
      const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(v);
      if (!m || Number(m[1]) < 1 || Number(m[2]) < 1) {
        ctx.addIssue({ code: 'custom', message: 'expected <max>/<seconds>, e.g. 20/60' });
        return z.NEVER;
      }
      return { max: Number(m[1]), windowSeconds: Number(m[2]) };
    });

/** Rate limits, composed into the api env (`src/config/env.ts`); tests lower them. */
export const rateLimitEnv = z.object({
  /** Routes marked `@RateLimit('public')`: subscribe, unsubscribe. */
  PULSE_RATE_LIMIT_PUBLIC: limit('20/60'),
  /** Failed API-key authentications; over it, every `/api` request from that IP gets 429. */
  PULSE_RATE_LIMIT_AUTH_FAILURES: limit('20/60'),
});
export type RateLimitEnv = z.infer<typeof rateLimitEnv>;
export type RateLimitRule = RateLimitEnv['PULSE_RATE_LIMIT_PUBLIC'];
