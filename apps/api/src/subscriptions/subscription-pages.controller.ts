import { Body, Controller, Get, HttpCode, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { RateLimit } from '../rate-limit/rate-limit.decorator';
import { isLanguage, pickLanguage, type Language } from '@pulse/mail';
import { PageErrorFilter, sendPage } from './page-error.filter';
import { originOf } from './subscriptions.controller';
import { SubscriptionPagesService } from './subscription-pages.service';

type FormBody = Record<string, unknown>;

/** `?lang=` when given, else the browser's `Accept-Language`. */
export const pageLanguage = (req: Request): Language =>
  isLanguage(req.query.lang) ? req.query.lang : pickLanguage(req.get('accept-language'));

const body = (b: unknown): FormBody => (b && typeof b === 'object' ? (b as FormBody) : {});

/** Public HTML pages outside `/api`: plain forms, no JavaScript, every state change a POST. */
@ApiExcludeController()
@Controller()
@UseFilters(PageErrorFilter)
export class SubscriptionPagesController {
  constructor(private readonly pages: SubscriptionPagesService) {}

  @Get('subscribe')
  form(@Req() req: Request, @Res() res: Response) {
    sendPage(res, this.pages.subscribeForm(pageLanguage(req)));
  }

  /**
   * Limited per IP like the API. One-click unsubscribe is not: mail providers post it from
   * shared servers, and an unsubscribe must never be refused.
   */
  @RateLimit('public')
  @Post('subscribe')
  async submit(@Req() req: Request, @Res() res: Response, @Body() b: unknown) {
    sendPage(res, await this.pages.submitSubscribe(pageLanguage(req), body(b), originOf(req, 'form')));
  }

  @Get('confirm')
  async confirmPage(@Query('token') token: unknown, @Res() res: Response) {
    sendPage(res, await this.pages.confirmPage(token));
  }

  @Post('confirm')
  async confirm(@Query('token') query: unknown, @Body() b: unknown, @Res() res: Response) {
    sendPage(res, await this.pages.confirm(body(b).token ?? query));
  }

  @Get('preferences')
  async preferences(@Query('token') token: unknown, @Res() res: Response) {
    sendPage(res, await this.pages.preferencesPage(token));
  }

  @Post('preferences')
  async preferencesAction(@Query('token') token: unknown, @Req() req: Request, @Body() b: unknown, @Res() res: Response) {
    sendPage(res, await this.pages.preferencesAction(token, body(b), originOf(req, 'form')));
  }

  @Get('unsubscribe')
  async unsubscribePage(@Query('token') token: unknown, @Res() res: Response) {
    sendPage(res, await this.pages.unsubscribePage(token));
  }

  /** RFC 8058: accepts `List-Unsubscribe=One-Click` (urlencoded or multipart); the token in the URL is what counts. */
  @Post('unsubscribe')
  @HttpCode(200)
  async unsubscribe(@Query('token') token: unknown, @Res() res: Response) {
    sendPage(res, await this.pages.unsubscribe(token));
  }
}
