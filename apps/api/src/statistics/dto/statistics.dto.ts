import { Transform } from 'class-transformer';
import { IsOptional, IsUUID } from 'class-validator';
import { IsTimeOrTaipeiDay } from '../../common/time.js';

/**
 * `GET /statistics?callId=&from=&to=`: one call, and proposals published from `from` (inclusive) to `to`
 * (exclusive). A date alone is a day in Taiwan. Ids are compared as stored (lower case).
 */
export class StatisticsQuery {
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.toLowerCase() : value))
  @IsUUID('all')
  callId?: string;
  @IsOptional() @IsTimeOrTaipeiDay() from?: Date;
  @IsOptional() @IsTimeOrTaipeiDay() to?: Date;
}
