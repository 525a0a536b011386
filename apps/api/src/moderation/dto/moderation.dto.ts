import { IsIn, IsOptional } from 'class-validator';
import { PageQuery } from '../../common/pagination.dto.js';

export class TransferListQuery extends PageQuery {
  @IsOptional() @IsIn(['pending', 'accepted', 'refused']) status?: 'pending' | 'accepted' | 'refused';
}
