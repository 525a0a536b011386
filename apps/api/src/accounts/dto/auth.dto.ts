import { IsIn, IsNotEmpty, IsOptional, IsString } from 'class-validator';
import { LOCALES } from '#mail';
import { AccountEmail } from '../../common/email.js';
import { MaxLength, MinLength, SingleLine, Trim } from '../../common/text.js';

export class RegisterDto {
  @AccountEmail()
  email: string;

  @IsString()
  @MinLength(10, { message: 'password must be at least 10 characters' })
  @MaxLength(200)
  password: string;

  @Trim()
  @IsString()
  @IsNotEmpty()
  @SingleLine()
  @MaxLength(100)
  displayName: string;

  @IsOptional()
  @IsIn(LOCALES)
  locale?: (typeof LOCALES)[number];
}

export class LoginDto {
  @AccountEmail()
  email: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  password: string;
}

export class TokenDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  token: string;
}

export class PasswordResetDto {
  @AccountEmail()
  email: string;
}

export class PasswordResetConfirmDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  token: string;

  @IsString()
  @MinLength(10, { message: 'password must be at least 10 characters' })
  @MaxLength(200)
  password: string;
}
