import { Body, Controller, Get, Header, HttpCode, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AccountsService, DomainError } from '#domain';
import { lengthOf, validateForm } from '../common/page-form.js';
import { Views, pageWords } from '../common/views.js';
import { PasswordResetConfirmDto, TokenDto } from './dto/auth.dto.js';

const { sentences } = pageWords();

/**
 * The pages the links in account mail open: verify an address, choose a new password. The forms are checked
 * by the API's DTOs, so the password rule exists once. Verification needs a click (a POST), so mail scanners
 * that prefetch links do not consume the token.
 */
@Controller()
export class AccountsPagesController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly views: Views,
  ) {}

  @Get('verify-email')
  @Header('Content-Type', 'text/html; charset=utf-8')
  verifyForm(@Query('token') token: unknown = ''): string {
    return this.views.render('accounts/verify-email', { token: String(token) });
  }

  @Post('verify-email')
  @HttpCode(200)
  async verify(@Body() body: unknown, @Res() res: Response): Promise<void> {
    const { value, invalid } = await validateForm(TokenDto, body);
    if (invalid.size) return this.result(res, 400, sentences('pages.account.linkInvalid'));
    await this.attempt(res, async () => {
      await this.accounts.verifyEmail(value.token);
      return sentences('pages.account.verifyEmail.done');
    });
  }

  @Get('reset-password')
  @Header('Content-Type', 'text/html; charset=utf-8')
  resetForm(@Query('token') token: unknown = ''): string {
    return this.resetPage(String(token), []);
  }

  @Post('reset-password')
  @HttpCode(200)
  async reset(@Body() body: unknown, @Res() res: Response): Promise<void> {
    const { value, invalid } = await validateForm(PasswordResetConfirmDto, body);
    if (invalid.size) {
      const rule = lengthOf(PasswordResetConfirmDto, 'password');
      const errors = [
        ...(invalid.has('token') ? [sentences('pages.account.linkInvalid')] : []),
        ...(invalid.has('password') ? [sentences('pages.account.resetPassword.passwordRule', rule)] : []),
      ];
      res
        .type('html')
        .status(400)
        .send(this.resetPage(typeof value.token === 'string' ? value.token : '', errors));
      return;
    }
    await this.attempt(res, async () => {
      await this.accounts.confirmPasswordReset(value.token, value.password);
      return sentences('pages.account.resetPassword.done');
    });
  }

  private resetPage(token: string, errors: string[]): string {
    const { min = 0, max = 0 } = lengthOf(PasswordResetConfirmDto, 'password');
    return this.views.render('accounts/reset-password', { token, errors, password: { min, max } });
  }

  private async attempt(res: Response, action: () => Promise<string>): Promise<void> {
    try {
      this.result(res, 200, await action());
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      this.result(res, err.kind === 'invalid' ? 400 : 422, err.message);
    }
  }

  private result(res: Response, status: number, message: string): void {
    res
      .type('html')
      .status(status)
      .send(this.views.render('accounts/result', { ok: status === 200, message }));
  }
}
