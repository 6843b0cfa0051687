import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiAnswer } from '../openapi/api-response.decorator';
import {
  DeliveryViewSchema,
  DisableEndpointSchema,
  EndpointHealthSchema,
  EndpointListQuerySchema,
  EndpointPageSchema,
  EndpointViewSchema,
  EndpointWithSecretSchema,
  RotateSecretSchema,
  WebhookEndpointCreateSchema,
  WebhookEndpointUpdateSchema,
  type DisableEndpoint,
  type EndpointListQuery,
  type RotateSecret,
  type WebhookEndpointCreate,
  type WebhookEndpointUpdate,
} from './dto/webhook-endpoint.dto';
import { WebhookDeliveriesService } from './webhook-deliveries.service';
import { WebhookEndpointsService } from './webhook-endpoints.service';

@ApiTags('webhook-endpoints')
@Controller('api/webhook-endpoints')
export class WebhookEndpointsController {
  constructor(
    private readonly endpoints: WebhookEndpointsService,
    private readonly deliveries: WebhookDeliveriesService,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Add a webhook endpoint',
    description: 'The URL passes the same address guard as feeds. The answer holds the signing secret: it is shown again only on rotation.',
  })
  @ApiAnswer(201, EndpointWithSecretSchema, 'Created')
  create(@Body({ schema: WebhookEndpointCreateSchema }) body: WebhookEndpointCreate) {
    return this.endpoints.create(body);
  }

  @Get()
  @ApiOperation({ summary: 'List webhook endpoints', description: 'Oldest first.' })
  @ApiAnswer(200, EndpointPageSchema)
  list(@Query({ schema: EndpointListQuerySchema }) query: EndpointListQuery) {
    return this.endpoints.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One webhook endpoint, with its health and messages by status' })
  @ApiAnswer(200, EndpointViewSchema)
  get(@Param('id') id: string) {
    return this.endpoints.get(id);
  }

  @Get(':id/health')
  @ApiOperation({ summary: 'Delivery health of an endpoint', description: 'Failing since, disabled reason, last success and failure.' })
  @ApiAnswer(200, EndpointHealthSchema)
  async health(@Param('id') id: string) {
    return (await this.endpoints.get(id)).health;
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a webhook endpoint', description: 'Pending messages go to the new URL.' })
  @ApiAnswer(200, EndpointViewSchema)
  update(@Param('id') id: string, @Body({ schema: WebhookEndpointUpdateSchema }) body: WebhookEndpointUpdate) {
    return this.endpoints.update(id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a webhook endpoint', description: 'Its delivery log goes with it.' })
  @ApiNoContentResponse({ description: 'Deleted' })
  async remove(@Param('id') id: string): Promise<void> {
    await this.endpoints.remove(id);
  }

  @Post(':id/enable')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Enable a webhook endpoint',
    description: 'Clears the disabled reason and the failing streak; messages left pending are sent again with a fresh retry cycle.',
  })
  @ApiAnswer(200, EndpointViewSchema)
  enable(@Param('id') id: string) {
    return this.endpoints.enable(id);
  }

  @Post(':id/disable')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Disable a webhook endpoint',
    description: 'Nothing is sent until it is enabled again; messages already pending wait. Events meanwhile get no message (use replay).',
  })
  @ApiAnswer(200, EndpointViewSchema)
  disable(@Param('id') id: string, @Body({ schema: DisableEndpointSchema }) body: DisableEndpoint) {
    return this.endpoints.disable(id, body.reason);
  }

  @Post(':id/rotate-secret')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Rotate the signing secret',
    description: 'Returns the new secret. During the overlap every message carries two signatures: `v1,<new> v1,<old>`.',
  })
  @ApiAnswer(200, EndpointWithSecretSchema)
  rotateSecret(@Param('id') id: string, @Body({ schema: RotateSecretSchema }) body: RotateSecret) {
    return this.endpoints.rotateSecret(id, body.overlapSeconds);
  }

  @Post(':id/test')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Send a test ping',
    description: 'A `ping` message, signed and sent by the worker like any other (also to a disabled endpoint); follow it in the delivery log.',
  })
  @ApiAnswer(202, DeliveryViewSchema, 'Queued')
  test(@Param('id') id: string) {
    return this.deliveries.test(id);
  }
}

