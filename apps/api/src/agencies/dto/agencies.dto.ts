import { IsEmail, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { Trim } from '../../common/trim.js';

export class CreateAgencyDto {
  @Trim()
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9-]{0,99}$/, { message: 'code must be lower-case letters, digits and dashes' })
  code: string;

  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  nameZh: string;

  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  nameEn: string;

  @IsOptional()
  @IsUUID('all', { message: 'parentId must be an agency id' })
  parentId?: string;

  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string;
}
