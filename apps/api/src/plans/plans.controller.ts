import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { PlansService } from '#domain';

@Controller('plans')
export class PlansController {
  constructor(private readonly plans: PlansService) {}

  @Get()
  async list() {
    const items = await this.plans.list();
    return { items, total: items.length };
  }

  @Get(':id')
  get(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.plans.get(id);
  }
}
