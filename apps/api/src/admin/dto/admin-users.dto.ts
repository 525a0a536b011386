import { ArrayUnique, IsArray, IsIn, IsOptional, IsString, IsUUID } from 'class-validator';
import { ROLES, type Role } from '#domain';
import { PageQuery } from '../../common/pagination.dto.js';
import { MaxLength, Trim } from '../../common/text.js';

export class SetRolesDto {
  @IsArray()
  @ArrayUnique()
  @IsIn(ROLES, { each: true, message: `each role must be one of: ${ROLES.join(', ')}` })
  roles: Role[];

  @IsOptional()
  @IsUUID('all', { message: 'agencyId must be an agency id' })
  agencyId?: string | null;
}

export class UsersQuery extends PageQuery {
  @IsOptional()
  @IsString()
  @MaxLength(254)
  @Trim()
  q?: string;

  @IsOptional()
  @IsIn(ROLES)
  role?: Role;
}
