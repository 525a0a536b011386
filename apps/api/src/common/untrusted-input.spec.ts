import { BadRequestException } from '@nestjs/common';
import { MAX_DEPTH, checkUntrusted, textProblem } from './untrusted-input.js';

describe('checkUntrusted', () => {
  const refused = (v: unknown) => expect(() => checkUntrusted(v, 'body')).toThrow(BadRequestException);

  it('passes ordinary bodies, multi-line text and every script', () => {
    expect(() =>
      checkUntrusted({ title: '推動淨零 😀 é', reasoning: '一\n\t二\r\n', points: [{ q: 'x' }], n: 1, ok: null }, 'body'),
    ).not.toThrow();
  });

  it('refuses nesting deeper than MAX_DEPTH without recursing (100,000 levels)', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    refused(deep);
    let ok: unknown = 1;
    for (let i = 0; i < MAX_DEPTH; i++) ok = { a: ok };
    expect(() => checkUntrusted(ok, 'body')).not.toThrow();
    refused({ a: ok });
  });

  it('refuses keys that reach a prototype, at any depth', () => {
    refused(JSON.parse('{"__proto__":{"admin":true}}'));
    refused({ a: [{ constructor: { prototype: {} } }] });
  });

  it('refuses unpaired surrogates, controls and bidi overrides in keys and values', () => {
    for (const s of ['a\ud800', '\udc00', 'a\u0000b', '\u001b[31m', '\u007f', '\u0085', 'x\u202ey', '\u2066'])
      expect(textProblem(s)).not.toBeNull();
    refused({ [`k\u202e`]: 'v' });
    refused({ a: ['ok', 'bad\u0000'] });
  });
});
