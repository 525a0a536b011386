import { Controller, Get } from '@nestjs/common';
import { PlansService } from '#domain';
import { IdParam } from '../common/id-param.js';

@Controller('plans')
export class PlansController {
  constructor(private readonly plans: PlansService) {}

  @Get()
  async list() {
    const items = await this.plans.list();
    return { items, total: items.length };
  }

  @Get(':id')
  get(@IdParam() id: string) {
    return this.plans.get(id);
  }
}
