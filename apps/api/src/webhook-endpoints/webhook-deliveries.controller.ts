import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiAnswer, ApiProblem } from '../openapi/api-response.decorator';
import {
  DeliveryListQuerySchema,
  DeliveryPageSchema,
  DeliveryViewSchema,
  ReplayResultSchema,
  ReplaySchema,
  type DeliveryListQuery,
  type Replay,
} from './dto/webhook-endpoint.dto';
import { WebhookDeliveriesService } from './webhook-deliveries.service';

@ApiTags('webhook-endpoints')
@Controller('api/webhook-endpoints/:id')
export class WebhookDeliveriesController {
  constructor(private readonly deliveries: WebhookDeliveriesService) {}

  @Get('deliveries')
  @ApiOperation({
    summary: 'Delivery log of an endpoint',
    description: 'Newest first: each message (its id is the `webhook-id`) with every attempt: time, status code, latency, response excerpt (≤ 1 KiB), error.',
  })
  @ApiAnswer(200, DeliveryPageSchema)
  list(@Param('id') id: string, @Query({ schema: DeliveryListQuerySchema }) query: DeliveryListQuery) {
    return this.deliveries.list(id, query);
  }

  @Get('deliveries/:deliveryId')
  @ApiOperation({ summary: 'One message and its attempts' })
  @ApiAnswer(200, DeliveryViewSchema)
  get(@Param('id') id: string, @Param('deliveryId') deliveryId: string) {
    return this.deliveries.get(id, deliveryId);
  }

  @Post('deliveries/:deliveryId/resend')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Send one message again',
    description: 'Same webhook-id, same body, a fresh retry cycle; whatever its status (delivered, failed, pending).',
  })
  @ApiAnswer(202, DeliveryViewSchema, 'Queued')
  @ApiProblem(409, 'The endpoint is disabled: enable it first.')
  resend(@Param('id') id: string, @Param('deliveryId') deliveryId: string) {
    return this.deliveries.resend(id, deliveryId);
  }

  @Post('replay')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Send every item event since a time again',
    description:
      'Messages written for this endpoint since then are sent again under their own webhook-id (receivers dedupe on it); item events ' +
      'classified since then that this endpoint has no message for (it was disabled, created later, or filtered differently) get new messages.',
  })
  @ApiAnswer(202, ReplayResultSchema, 'Queued')
  @ApiProblem(409, 'The endpoint is disabled: enable it first.')
  replay(@Param('id') id: string, @Body({ schema: ReplaySchema }) body: Replay) {
    return this.deliveries.replay(id, body.since);
  }
}
