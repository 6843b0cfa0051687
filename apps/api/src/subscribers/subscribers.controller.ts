import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireScope } from '../auth/require-scope.decorator';
import { ApiAnswer, ApiProblem } from '../openapi/api-response.decorator';
import {
  SubscriberDetailSchema,
  SubscriberErasedSchema,
  SubscriberExportSchema,
  SubscriberListQuerySchema,
  SubscriberPageSchema,
  SubscriberSchema,
  SubscriberStatsSchema,
  SuspendSchema,
  type Suspend,
  type SubscriberListQuery,
} from './subscriber.dto';
import { SubscribersService } from './subscribers.service';

@ApiTags('subscribers')
@Controller('api/subscribers')
export class SubscribersController {
  constructor(private readonly subscribers: SubscribersService) {}

  @Get()
  @ApiOperation({ summary: 'List and search subscribers', description: 'Newest first. Filters combine with AND.' })
  @ApiAnswer(200, SubscriberPageSchema)
  list(@Query({ schema: SubscriberListQuerySchema }) query: SubscriberListQuery) {
    return this.subscribers.list(query);
  }

  // before `:id`, or Express would take "stats" for an id
  @Get('stats')
  @ApiOperation({ summary: 'Subscriber counts', description: 'Per status; per theme and per frequency among active subscribers.' })
  @ApiAnswer(200, SubscriberStatsSchema)
  stats() {
    return this.subscribers.stats();
  }

  @Get(':id')
  @ApiOperation({ summary: 'One subscriber', description: 'With consent history and digest counts.' })
  @ApiAnswer(200, SubscriberDetailSchema)
  get(@Param('id') id: string) {
    return this.subscribers.get(id);
  }

  @Get(':id/export')
  @RequireScope('write')
  @ApiOperation({
    summary: 'Export everything held about a subscriber (GDPR art. 15, 20)',
    description: 'Needs a write key: the mails in it carry signed links that act for the subscriber.',
  })
  @ApiAnswer(200, SubscriberExportSchema)
  export(@Param('id') id: string) {
    return this.subscribers.export(id);
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Erase a subscriber (GDPR art. 17)', description: 'Deletes every row about them and their queued jobs.' })
  @ApiAnswer(200, SubscriberErasedSchema, 'Erased')
  erase(@Param('id') id: string) {
    return this.subscribers.erase(id);
  }

  @Post(':id/suspend')
  @HttpCode(200)
  @ApiOperation({ summary: 'Suspend a subscriber', description: 'Nothing is sent to them until unsuspended.' })
  @ApiAnswer(200, SubscriberSchema)
  @ApiProblem(409, 'The subscriber has unsubscribed.')
  suspend(@Param('id') id: string, @Body({ schema: SuspendSchema }) body: Suspend) {
    return this.subscribers.suspend(id, body.reason);
  }

  @Post(':id/unsuspend')
  @HttpCode(200)
  @ApiOperation({ summary: 'Lift a suspension', description: 'Back to paused, active or pending, as before; the bounce count restarts.' })
  @ApiAnswer(200, SubscriberSchema)
  @ApiProblem(409, 'The subscriber is not suspended.')
  unsuspend(@Param('id') id: string) {
    return this.subscribers.unsuspend(id);
  }
}
