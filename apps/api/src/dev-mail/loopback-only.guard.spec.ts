import type { ExecutionContext } from '@nestjs/common';
import { AppConfig } from '#config';
import { LoopbackOnlyGuard, isLoopbackAddress } from './loopback-only.guard.js';

const contextFrom = (remoteAddress: string | undefined, headers: Record<string, string> = {}) =>
  ({
    switchToHttp: () => ({
      getRequest: () => ({ method: 'GET', originalUrl: '/dev/mail', headers, ip: headers['x-forwarded-for'], socket: { remoteAddress } }),
    }),
  }) as unknown as ExecutionContext;

describe('LoopbackOnlyGuard', () => {
  it('knows loopback addresses in every form', () => {
    for (const a of ['127.0.0.1', '127.9.8.7', '::1', '::ffff:127.0.0.1', '0:0:0:0:0:0:0:1']) expect(isLoopbackAddress(a)).toBe(true);
    for (const a of [undefined, '', 'localhost', '192.0.2.2', '::ffff:192.0.2.2', 'fd00::2', '::', '0.0.0.0'])
      expect(isLoopbackAddress(a)).toBe(false);
  });

  it('lets a loopback peer in only in development with the embedded catcher, and ignores X-Forwarded-For', () => {
    const dev = new LoopbackOnlyGuard(AppConfig.fromEnv({ NODE_ENV: 'development' }));
    expect(dev.canActivate(contextFrom('::ffff:127.0.0.1'))).toBe(true);
    expect(() => dev.canActivate(contextFrom('192.0.2.2', { 'x-forwarded-for': '127.0.0.1' }))).toThrow('Cannot GET /dev/mail');

    for (const env of [{ NODE_ENV: 'test' }, { NODE_ENV: 'development', SMTP_URL: 'smtp://mail.example.org' }]) {
      expect(() => new LoopbackOnlyGuard(AppConfig.fromEnv(env)).canActivate(contextFrom('127.0.0.1'))).toThrow('Cannot GET /dev/mail');
    }
  });
});
