import { IsEmail, IsNotEmpty, IsOptional, IsString, IsUUID, Matches } from 'class-validator';
import { MaxLength, SingleLine, Trim } from '../../common/text.js';

export class CreateAgencyDto {
  @Trim()
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9-]{0,99}$/, { message: 'code must be lower-case letters, digits and dashes' })
  code: string;

  @Trim()
  @IsString()
  @IsNotEmpty()
  @SingleLine()
  @MaxLength(200)
  nameZh: string;

  @Trim()
  @IsString()
  @IsNotEmpty()
  @SingleLine()
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
