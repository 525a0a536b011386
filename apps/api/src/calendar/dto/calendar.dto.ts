import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, Matches, ValidateNested } from 'class-validator';
import { CALENDAR_DAY_KINDS, type CalendarDayKind } from '#domain';
import { MaxLength, SingleLine, Trim } from '../../common/text.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A Taiwan calendar date, YYYY-MM-DD, that exists (no 2026-02-30). */
function IsCalendarDate(property: string): PropertyDecorator {
  return (target, key) => {
    Matches(DATE, { message: `${property} must be a date (YYYY-MM-DD)` })(target, key);
    IsISO8601({ strict: true }, { message: `${property} must be a date (YYYY-MM-DD)` })(target, key);
  };
}

export class CalendarDayDto {
  @IsCalendarDate('date')
  date: string;

  @IsIn(CALENDAR_DAY_KINDS)
  kind: CalendarDayKind;

  @Trim()
  @IsString()
  @IsNotEmpty()
  @SingleLine()
  @MaxLength(100)
  nameZh: string;

  @IsOptional()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @SingleLine()
  @MaxLength(200)
  nameEn?: string;
}

/** A whole year of the official calendar: every holiday (and day off in its place) and every make-up working day. */
export class CalendarYearDto {
  /** The official document the list comes from. */
  @Trim()
  @IsString()
  @IsNotEmpty()
  @SingleLine()
  @MaxLength(1000)
  source: string;

  @IsArray()
  @ArrayMaxSize(366)
  @ValidateNested({ each: true })
  @Type(() => CalendarDayDto)
  days: CalendarDayDto[];
}

export class DeclareQuietPeriodDto {
  @IsCalendarDate('startsOn')
  startsOn: string;

  @IsCalendarDate('endsOn')
  endsOn: string;

  @Trim()
  @IsString()
  @IsNotEmpty()
  @SingleLine()
  @MaxLength(500)
  reasonZh: string;

  @IsOptional()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @SingleLine()
  @MaxLength(500)
  reasonEn?: string;
}
