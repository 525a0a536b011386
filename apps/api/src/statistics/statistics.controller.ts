import { Controller, Get, Query } from '@nestjs/common';
import { ScoreboardService } from '#domain';
import { ScoreboardQuery } from './dto/scoreboard.dto.js';

/** Public figures about how the platform is answered. The path keeps its first name, `/scoreboard/…`. */
@Controller('scoreboard')
export class StatisticsController {
  constructor(private readonly scoreboard: ScoreboardService) {}

  /** Each agency's record of answering (assigned, answered, on time, overdue now, median days, recommendations). */
  @Get('agencies')
  agencies(@Query() q: ScoreboardQuery) {
    return this.scoreboard.agencies({ callId: q.callId, page: q.page, pageSize: q.pageSize });
  }
}
