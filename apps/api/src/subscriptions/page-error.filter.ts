import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { isLanguage, pickLanguage, type Language } from '@pulse/mail';
import { renderErrorPage, type ErrorPageKind } from '../pages/link-pages.template';
import { ProblemError } from '../common/problem';
import { LinkProblem } from './link.service';
import type { PageResult } from './subscription-pages.service';

/**
 * Pages carry tokens in their URL: no referrer may leak them, no cache keep them.
 * Styles are inline in the page; nothing else loads.
 */
const PAGE_HEADERS: Record<string, string> = {
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
};

export function sendPage(res: Response, page: PageResult): void {
  res.status(page.status).set(PAGE_HEADERS);
  if ('download' in page) {
    res
      .type('application/json; charset=utf-8')
      .set('Content-Disposition', `attachment; filename="${page.download.filename}"`)
      .send(page.download.json);
    return;
  }
  res.type('text/html; charset=utf-8').send(page.html);
}

/** Errors on the public pages are pages too, in the reader's language, never JSON. */
@Catch()
export class PageErrorFilter implements ExceptionFilter {
  private readonly log = new Logger('pages');

  catch(err: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    const lang: Language = isLanguage(req.query.lang) ? req.query.lang : pickLanguage(req.get('accept-language'));
    const [status, kind] = this.classify(err);
    if (status >= 500) this.log.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
    if (res.headersSent) return;
    if (err instanceof ProblemError) res.set(err.headers);
    sendPage(res, { status, html: renderErrorPage(lang, kind, req.path) });
  }

  private classify(err: unknown): [number, ErrorPageKind] {
    if (err instanceof LinkProblem) return [err.status, err.reason === 'invalid' ? 'invalid' : 'expired'];
    const status = err instanceof ProblemError ? err.status : err instanceof HttpException ? err.getStatus() : 500;
    if (status === 404) return [404, 'not-found'];
    if (status === 429) return [429, 'busy'];
    if (status >= 400 && status < 500) return [status, 'invalid'];
    return [500, 'error'];
  }
}
