import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { PROBLEM_BASE, ProblemError, type Problem } from './problem';

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'Validation failed',
  429: 'Too many requests',
};

/** Every error leaves the API as `application/problem+json` (RFC 9457); 5xx details stay in the log. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly log = new Logger('http');

  catch(err: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request>();
    const res = ctx.getResponse<Response>();
    const problem = this.toProblem(err);
    problem.instance = req.originalUrl;
    if (problem.status >= 500) this.log.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
    if (res.headersSent) return;
    if (err instanceof ProblemError) res.set(err.headers);
    res.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  }

  private toProblem(err: unknown): Problem {
    if (err instanceof ProblemError) {
      return { type: 'about:blank', title: err.title, status: err.status, detail: err.message, ...err.extra };
    }
    // the Express adapter wraps body-parser's errors in an HttpException; the cause says which
    const cause = (err as { cause?: { type?: string; message?: string } })?.cause;
    if ((err as { type?: string })?.type === 'entity.parse.failed' || cause?.type === 'entity.parse.failed') {
      return {
        type: `${PROBLEM_BASE}/malformed-body`,
        title: 'Malformed request body',
        status: 400,
        detail: `The body is not valid JSON: ${cause?.message ?? (err as Error).message}`,
      };
    }
    if (err instanceof HttpException) {
      const status = err.getStatus();
      const body = err.getResponse();
      const detail = typeof body === 'string' ? body : ((body as { message?: unknown }).message ?? err.message);
      return {
        type: 'about:blank',
        title: TITLES[status] ?? err.name,
        status,
        detail: Array.isArray(detail) ? detail.join('; ') : String(detail),
      };
    }
    // body-parser errors (malformed JSON, too large) carry a status of their own
    const status = (err as { status?: number; statusCode?: number })?.status ?? (err as { statusCode?: number })?.statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return { type: 'about:blank', title: TITLES[status] ?? 'Bad request', status, detail: (err as Error).message };
    }
    return { type: 'about:blank', title: 'Internal server error', status: 500, detail: 'An unexpected error occurred' };
  }
}
