import { Body, Controller, Get, Header, HttpCode, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AccountsService, DomainError, InvalidInputError } from '#domain';
import { escapeHtml, page } from '../common/html.js';

/**
 * The pages the links in account mail open: verify an address, choose a new password.
 * Verification needs a click (a POST), so mail scanners that prefetch links do not consume the token.
 */
@Controller()
export class AccountPagesController {
  constructor(private readonly accounts: AccountsService) {}

  @Get('verify-email')
  @Header('Content-Type', 'text/html; charset=utf-8')
  verifyForm(@Query('token') token = ''): string {
    return page(
      '驗證電子郵件 Verify email',
      `<h1>驗證電子郵件 Verify your email</h1>
<form method="post" action="/verify-email"><input type="hidden" name="token" value="${escapeHtml(String(token))}">
<button type="submit">驗證 Verify</button></form>`,
    );
  }

  @Post('verify-email')
  @HttpCode(200)
  async verify(@Body('token') token: unknown, @Res() res: Response): Promise<void> {
    await this.respond(res, async () => {
      await this.accounts.verifyEmail(String(token ?? ''));
      return '您的電子郵件已驗證，現在可以登入。Your email address is verified; you can sign in now.';
    });
  }

  @Get('reset-password')
  @Header('Content-Type', 'text/html; charset=utf-8')
  resetForm(@Query('token') token = ''): string {
    return page(
      '重設密碼 Reset password',
      `<h1>重設密碼 Choose a new password</h1>
<form method="post" action="/reset-password"><input type="hidden" name="token" value="${escapeHtml(String(token))}">
<p><label>新密碼 New password (10+)<br><input type="password" name="password" minlength="10" maxlength="200" required></label></p>
<button type="submit">設定 Set password</button></form>`,
    );
  }

  @Post('reset-password')
  @HttpCode(200)
  async reset(@Body() body: { token?: unknown; password?: unknown }, @Res() res: Response): Promise<void> {
    await this.respond(res, async () => {
      const password = String(body.password ?? '');
      if (password.length < 10 || password.length > 200) {
        throw new InvalidInputError('密碼需為 10 至 200 個字元。The password must have 10 to 200 characters.');
      }
      await this.accounts.confirmPasswordReset(String(body.token ?? ''), password);
      return '密碼已更新，請以新密碼登入。Your password has been changed; sign in with the new one.';
    });
  }

  private async respond(res: Response, action: () => Promise<string>): Promise<void> {
    res.type('html');
    try {
      const message = await action();
      res.status(200).send(page('完成 Done', `<h1>完成 Done</h1><p>${escapeHtml(message)}</p>`));
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      res.status(err.kind === 'invalid' ? 400 : 422).send(
        page('無法完成 Could not complete', `<h1>無法完成 Could not complete</h1><p>${escapeHtml(err.message)}</p>`),
      );
    }
  }
}

