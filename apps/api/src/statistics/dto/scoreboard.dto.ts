import { IsOptional, IsUUID } from 'class-validator';
import { PageQuery } from '../../common/pagination.dto.js';

export class ScoreboardQuery extends PageQuery {
  @IsOptional() @IsUUID('all') callId?: string;
}
