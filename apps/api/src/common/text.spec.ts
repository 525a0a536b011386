import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { MaxLength, SingleLine, Trim, codePoints } from './text.js';

class Name {
  @Trim() @SingleLine() @MaxLength(3) name: string;
}

const errors = (name: unknown) =>
  validateSync(plainToInstance(Name, { name }))
    .map((e) => Object.keys(e.constraints ?? {}))
    .flat();

describe('text rules', () => {
  it('count code points, as utf8mb4 does (validator.js counted "x" + U+FE0E as one)', () => {
    expect(codePoints('x\uFE0E😀')).toBe(3);
    expect(errors('x\uFE0Ex\uFE0E')).toEqual(['maxLength']);
    expect(errors('😀😀😀')).toEqual([]);
  });

  it('measure the NFC form: e + U+0301 is one character', () => {
    expect(errors(' e\u0301e\u0301e\u0301 ')).toEqual([]);
    expect(plainToInstance(Name, { name: 'e\u0301' }).name).toBe('é');
  });

  it('keep one-line fields on one line', () => {
    expect(errors('a\nb')).toEqual(['singleLine']);
    expect(errors('a\u2028b')).toEqual(['singleLine']);
  });
});
