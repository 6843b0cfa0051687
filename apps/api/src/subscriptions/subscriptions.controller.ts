import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { z } from 'zod';
import { Public } from '../auth/public.decorator';
import { ApiAnswer } from '../openapi/api-response.decorator';
import { RateLimit } from '../rate-limit/rate-limit.decorator';
import { SubscribeAcceptedSchema, SubscribeSchema, type SubscribeInput } from './dto/subscription.dto';
import { SubscriptionValidationPipe } from './subscription-validation.pipe';
import { SubscriptionsService, type RequestOrigin } from './subscriptions.service';

export const originOf = (req: Request, source: RequestOrigin['source']): RequestOrigin => ({
  source,
  ip: req.ip ?? null,
  userAgent: req.get('user-agent') ?? null,
});

@ApiTags('subscriptions')
@Controller('api/subscriptions')
export class SubscriptionsController {
  constructor(private readonly subscriptions: SubscriptionsService) {}

  /** 202 with the same body for a new, pending or confirmed address; 422 with field errors. */
  @Public()
  @RateLimit('public')
  @Post()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Subscribe to digests (double opt-in)',
    description:
      'Sends a confirmation email with a signed link; nothing else is sent before it is confirmed. The answer is the same ' +
      'whether the address is new, pending or already subscribed, and a repeated request sends no second mail within ' +
      'PULSE_CONFIRM_RESEND_SECONDS. Public (no API key), rate-limited per IP.',
  })
  @ApiAnswer(202, SubscribeAcceptedSchema, 'Accepted')
  @ApiBody({ schema: z.toJSONSchema(SubscribeSchema, { io: 'input', unrepresentable: 'any' }) as object })
  subscribe(@Body(new SubscriptionValidationPipe(SubscribeSchema)) input: SubscribeInput, @Req() req: Request) {
    return this.subscriptions.subscribe(input, originOf(req, 'api'));
  }
}
