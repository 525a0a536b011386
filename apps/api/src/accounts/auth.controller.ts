import { Body, Controller, HttpCode, Post, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { Auth, CurrentUser, TokenService, type AuthUser } from '#auth';
import { AccountsService, toAccountView } from '#domain';
import { AccountMailLimit, AuthThrottlerGuard } from './auth-throttling.js';
import { LoginDto, PasswordResetConfirmDto, PasswordResetDto, RegisterDto, TokenDto } from './dto/auth.dto.js';

/**
 * Registration, email verification, sign-in and password reset. Rate-limited per IP and per account (the mailbox,
 * however it is spelled); account mail is limited per mailbox too.
 */
@Controller('auth')
@UseGuards(AuthThrottlerGuard)
export class AuthController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly tokens: TokenService,
    private readonly mailLimit: AccountMailLimit,
  ) {}

  @Post('register')
  register(@Body() dto: RegisterDto) {
    return this.accounts.register(dto);
  }

  @Post('verify-email')
  @HttpCode(200)
  async verifyEmail(@Body() dto: TokenDto) {
    return this.accounts.verifyEmail(dto.token);
  }

  @Post('resend-verification')
  @HttpCode(202)
  @Auth()
  async resendVerification(@CurrentUser() user: AuthUser, @Res({ passthrough: true }) res: Response) {
    await this.mailLimit.take(user.email, res);
    await this.accounts.resendVerification(user.id);
    return { status: 'queued' };
  }

  @Post('login')
  @HttpCode(200)
  async login(@Body() dto: LoginDto) {
    const user = await this.accounts.authenticate(dto.email, dto.password);
    const view = toAccountView(user);
    return {
      accessToken: this.tokens.issue(user),
      user: {
        id: view.id,
        email: view.email,
        displayName: view.displayName,
        roles: view.roles,
        agencyId: view.agencyId,
        emailVerified: view.emailVerified,
        locale: view.locale,
      },
    };
  }

  @Post('password-reset')
  @HttpCode(202)
  async passwordReset(@Body() dto: PasswordResetDto, @Res({ passthrough: true }) res: Response) {
    await this.mailLimit.take(dto.email, res);
    await this.accounts.requestPasswordReset(dto.email);
    return { status: 'queued', message: 'if an account uses this address, a reset link has been sent' };
  }

  @Post('password-reset/confirm')
  @HttpCode(200)
  async passwordResetConfirm(@Body() dto: PasswordResetConfirmDto) {
    await this.accounts.confirmPasswordReset(dto.token, dto.password);
    return { status: 'ok' };
  }
}
