import { Body, Controller, Get, Post } from '@nestjs/common';
import { Auth } from '#auth';
import { AgenciesService, toAgencyView } from '#domain';
import { IdParam } from '../common/id-param.js';
import { CreateAgencyDto } from './dto/agencies.dto.js';

@Controller('agencies')
export class AgenciesController {
  constructor(private readonly agencies: AgenciesService) {}

  @Get()
  async list() {
    const items = await this.agencies.list();
    return { items, total: items.length };
  }

  @Get(':id')
  async get(@IdParam() id: string) {
    return toAgencyView(await this.agencies.get(id));
  }

  @Post()
  @Auth('admin')
  create(@Body() dto: CreateAgencyDto) {
    return this.agencies.create(dto);
  }
}
