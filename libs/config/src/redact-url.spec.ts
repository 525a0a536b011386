import { redactUrl } from './redact-url.js';

describe('redactUrl', () => {
  it.each([
    ['/verify-email?token=abc123', '/verify-email?token=[REDACTED]'],
    ['/reset-password?token=abc123&lang=en', '/reset-password?token=[REDACTED]&lang=en'],
    ['/unsubscribe?proposal=p1&user=u1&sig=s3cr3t', '/unsubscribe?proposal=p1&user=u1&sig=[REDACTED]'],
    ['/unsubscribe?scope=agency&user=u1&sig=s3cr3t&sig=again', '/unsubscribe?scope=agency&user=u1&sig=[REDACTED]&sig=[REDACTED]'],
    // Spellings the query parser reads as the same parameter
    ['/verify-email?%74oken=abc123', '/verify-email?%74oken=[REDACTED]'],
    ['/verify-email?token[]=abc123&TOKEN=x', '/verify-email?token[]=[REDACTED]&TOKEN=[REDACTED]'],
    ['/verify-email?token=', '/verify-email?token=[REDACTED]'],
  ])('%s → %s', (url, logged) => {
    expect(redactUrl(url)).toBe(logged);
  });

  it('keeps URLs without secrets as they are', () => {
    for (const url of ['/api/v1/proposals?q=token&page=2', '/p/123', '/api/v1/proposals?tokens=1', '/x?%E0%A4%A=1', '/x?token']) {
      expect(redactUrl(url)).toBe(url);
    }
  });
});
