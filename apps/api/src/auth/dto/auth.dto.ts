import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { LOCALES } from '#mail';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class RegisterDto {
  @Transform(trim) @IsEmail({}, { message: 'email must be a valid email address' }) @MaxLength(254)
  email: string;

  @IsString() @MinLength(10, { message: 'password must be at least 10 characters' }) @MaxLength(200)
  password: string;

  @Transform(trim) @IsString() @IsNotEmpty() @MaxLength(100)
  displayName: string;

  @IsOptional() @IsIn(LOCALES)
  locale?: (typeof LOCALES)[number];
}

export class LoginDto {
  @Transform(trim) @IsEmail({}, { message: 'email must be a valid email address' }) @MaxLength(254)
  email: string;

  @IsString() @IsNotEmpty() @MaxLength(200)
  password: string;
}

export class TokenDto {
  @IsString() @IsNotEmpty() @MaxLength(200)
  token: string;
}

export class PasswordResetDto {
  @Transform(trim) @IsEmail({}, { message: 'email must be a valid email address' }) @MaxLength(254)
  email: string;
}

export class PasswordResetConfirmDto {
  @IsString() @IsNotEmpty() @MaxLength(200)
  token: string;

  @IsString() @MinLength(10, { message: 'password must be at least 10 characters' }) @MaxLength(200)
  password: string;
}
