import { IsOptional, IsUUID } from 'class-validator';
import { IsTime } from '../../common/time.js';

/** `GET /statistics?callId=&from=&to=`: one call, and proposals published from `from` (inclusive) to `to` (exclusive). */
export class StatisticsQuery {
  @IsOptional() @IsUUID('all') callId?: string;
  @IsOptional() @IsTime() from?: Date;
  @IsOptional() @IsTime() to?: Date;
}
