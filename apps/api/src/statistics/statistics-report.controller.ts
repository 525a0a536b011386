import { BadRequestException, Controller, Get, Query } from '@nestjs/common';
import { StatisticsService } from '#domain';
import { StatisticsQuery } from './dto/statistics.dto.js';

/** Public statistics of the process, per call and per agency (proposals per status, qualification, answering, adoption). */
@Controller('statistics')
export class StatisticsReportController {
  constructor(private readonly statistics: StatisticsService) {}

  @Get()
  report(@Query() q: StatisticsQuery) {
    if (q.from && q.to && q.from.getTime() >= q.to.getTime()) throw new BadRequestException('from must be before to');
    return this.statistics.statistics({ callId: q.callId, from: q.from, to: q.to });
  }
}
