import { Body, Controller, Get, Post } from '@nestjs/common';
import { Auth } from '#auth';
import { CallsService } from '#domain';
import { IdParam } from '../common/id-param.js';
import { CreateCallDto } from './dto/calls.dto.js';

@Controller('calls')
export class CallsController {
  constructor(private readonly calls: CallsService) {}

  @Get()
  async list() {
    const items = await this.calls.list();
    return { items, total: items.length };
  }

  /** The call with the quiet periods under way or to come. */
  @Get(':id')
  detail(@IdParam() id: string) {
    return this.calls.detail(id);
  }

  @Post()
  @Auth('admin')
  create(@Body() dto: CreateCallDto) {
    return this.calls.create(dto);
  }
}
