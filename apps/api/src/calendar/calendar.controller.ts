import { BadRequestException, Body, Controller, Delete, Get, Param, type PipeTransform, Post, Put } from '@nestjs/common';
import { Auth, CurrentUser, type AuthUser } from '#auth';
import { QuietPeriodsService, WorkingCalendarService } from '#domain';
import { IdParam } from '../common/id-param.js';
import { CalendarYearDto, DeclareQuietPeriodDto } from './dto/calendar.dto.js';

/** A year in the path: four digits, 1970–2999 (the range of times the API accepts). */
class YearPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    const year = /^\d{4}$/.test(value) ? Number(value) : NaN;
    if (!(year >= 1970 && year <= 2999)) throw new BadRequestException('year must be a year between 1970 and 2999');
    return year;
  }
}

/** Taiwan's working-day calendar (holidays and make-up working days, by year) and the quiet periods. */
@Controller()
export class CalendarController {
  constructor(
    private readonly calendar: WorkingCalendarService,
    private readonly quietPeriods: QuietPeriodsService,
  ) {}

  @Get('calendar/:year')
  year(@Param('year', new YearPipe()) year: number) {
    return this.calendar.year(year);
  }

  /** Replaces the whole year at once (in one transaction), or refuses it whole. */
  @Put('admin/calendar/:year')
  @Auth('admin')
  loadYear(@Param('year', new YearPipe()) year: number, @Body() dto: CalendarYearDto, @CurrentUser() admin: AuthUser) {
    return this.calendar.replaceYear(year, dto, admin.id);
  }

  @Get('quiet-periods')
  async list() {
    return { items: await this.quietPeriods.list() };
  }

  @Post('admin/quiet-periods')
  @Auth('admin')
  declare(@Body() dto: DeclareQuietPeriodDto, @CurrentUser() admin: AuthUser) {
    return this.quietPeriods.declare(admin, dto);
  }

  @Delete('admin/quiet-periods/:id')
  @Auth('admin')
  cancel(@IdParam() id: string, @CurrentUser() admin: AuthUser) {
    return this.quietPeriods.cancel(admin, id);
  }
}
