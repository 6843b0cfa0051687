import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiAnswer } from '../openapi/api-response.decorator';
import { ItemDetailSchema, ItemListQuerySchema, ItemPageSchema, ReclassifySchema, type ItemListQuery } from './item.dto';
import { ItemsService } from './items.service';

@ApiTags('items')
@Controller('api/items')
export class ItemsController {
  constructor(private readonly items: ItemsService) {}

  @Get()
  @ApiOperation({
    summary: 'List items',
    description: 'Newest first by publication date (first-seen date for items without one). Filters combine with AND.',
  })
  @ApiAnswer(200, ItemPageSchema)
  list(@Query({ schema: ItemListQuerySchema }) query: ItemListQuery) {
    return this.items.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One item', description: 'With its themes, scores, evidence, taxonomy version and sources.' })
  @ApiAnswer(200, ItemDetailSchema)
  get(@Param('id') id: string) {
    return this.items.get(id);
  }

  @Post(':id/reclassify')
  @HttpCode(202)
  @ApiOperation({ summary: 'Classify an item again', description: 'Queues the current version for the classifier.' })
  @ApiAnswer(202, ReclassifySchema, 'Queued')
  reclassify(@Param('id') id: string) {
    return this.items.reclassify(id);
  }
}
