import { Body, Controller, Delete, Get, Header, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ProblemError } from '../common/problem';
import { ApiAnswer, ApiProblem, ApiText } from '../openapi/api-response.decorator';
import {
  CreateFeedSchema,
  FeedHealthSchema,
  FeedListQuerySchema,
  FeedPageSchema,
  FeedPollSchema,
  FeedSchema,
  OpmlImportResultSchema,
  UpdateFeedSchema,
  type CreateFeed,
  type FeedListQuery,
  type UpdateFeed,
} from './feed.dto';
import { FeedOpmlService } from './feed-opml.service';
import { FeedsService } from './feeds.service';

export const OPML_TYPES = ['text/x-opml', 'application/xml', 'text/xml'];

@ApiTags('feeds')
@Controller('api/feeds')
export class FeedsController {
  constructor(
    private readonly feeds: FeedsService,
    private readonly opml: FeedOpmlService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'List feeds', description: 'Oldest first. Filters combine with AND.' })
  @ApiAnswer(200, FeedPageSchema)
  list(@Query({ schema: FeedListQuerySchema }) query: FeedListQuery) {
    return this.feeds.list(query);
  }

  @Post()
  @ApiOperation({ summary: 'Add a feed', description: 'The URL passes the same address guard as polling. Ingest schedules it.' })
  @ApiAnswer(201, FeedSchema, 'Created')
  @ApiProblem(409, 'A feed with this URL exists already.')
  create(@Body({ schema: CreateFeedSchema }) body: CreateFeed) {
    return this.feeds.create(body);
  }

  // before `:id`, or Express would take "opml" for an id
  @Get('opml')
  @Header('Content-Type', 'text/x-opml; charset=utf-8')
  @ApiOperation({ summary: 'Export every feed as OPML 2.0', description: 'Settings OPML has no word for are kept in the `pulse:` namespace.' })
  @ApiText('text/x-opml', 'An OPML 2.0 document.')
  exportOpml() {
    return this.opml.export();
  }

  @Post('opml')
  @HttpCode(200)
  @ApiConsumes(...OPML_TYPES)
  @ApiBody({ description: 'An OPML document; every outline with an `xmlUrl` is a feed.', schema: { type: 'string' } })
  @ApiOperation({ summary: 'Import feeds from OPML', description: 'Each outline is created, skipped or refused, and reported.' })
  @ApiAnswer(200, OpmlImportResultSchema)
  @ApiProblem(413, 'More outlines than one import takes.')
  @ApiProblem(415, 'The body is not sent as OPML/XML.')
  importOpml(@Body() body: unknown) {
    if (typeof body !== 'string') {
      throw new ProblemError(415, 'Unsupported media type', `Send the OPML document as ${OPML_TYPES.join(', ')}.`);
    }
    return this.opml.import(body);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One feed' })
  @ApiAnswer(200, FeedSchema)
  get(@Param('id') id: string) {
    return this.feeds.get(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a feed', description: 'A new URL passes the address guard and starts a fresh poll history.' })
  @ApiAnswer(200, FeedSchema)
  @ApiProblem(409, 'Another feed has this URL already.')
  update(@Param('id') id: string, @Body({ schema: UpdateFeedSchema }) body: UpdateFeed) {
    return this.feeds.update(id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a feed', description: 'Its items stay; their link to this source goes.' })
  @ApiNoContentResponse({ description: 'Deleted' })
  async remove(@Param('id') id: string): Promise<void> {
    await this.feeds.remove(id);
  }

  @Post(':id/enable')
  @HttpCode(200)
  @ApiOperation({ summary: 'Enable a feed' })
  @ApiAnswer(200, FeedSchema)
  enable(@Param('id') id: string) {
    return this.feeds.setEnabled(id, true);
  }

  @Post(':id/disable')
  @HttpCode(200)
  @ApiOperation({ summary: 'Disable a feed', description: 'No more scheduled polls until enabled again.' })
  @ApiAnswer(200, FeedSchema)
  disable(@Param('id') id: string) {
    return this.feeds.setEnabled(id, false);
  }

  @Post(':id/poll')
  @HttpCode(202)
  @ApiOperation({ summary: 'Poll a feed now', description: 'Queues a manual poll; the result shows in the feed health.' })
  @ApiAnswer(202, FeedPollSchema, 'Queued')
  poll(@Param('id') id: string) {
    return this.feeds.pollNow(id);
  }

  @Get(':id/health')
  @ApiOperation({ summary: 'Poll health of a feed', description: 'Last success, last error, consecutive failures, next poll.' })
  @ApiAnswer(200, FeedHealthSchema)
  health(@Param('id') id: string) {
    return this.feeds.health(id);
  }
}
