import { Transform } from 'class-transformer';
import { applyDecorators } from '@nestjs/common';
import { ArrayMaxSize, IsArray, IsNotEmpty, IsOptional, IsString, ValidateBy, type ValidationOptions, buildMessage } from 'class-validator';

/**
 * The text rules of every DTO. Lengths count code points, as a utf8mb4 column does (`VARCHAR(n)` holds n code
 * points): class-validator's own `@MaxLength` (validator.js `isLength`) counts a character followed by a variation
 * selector as one and an astral character as one, so a string it passed could be too long for the column (a
 * 500). The limits are checked after `@Trim()`, on the text as it is stored. Use these, not class-validator's
 * (ESLint refuses those in apps/).
 */

/** The length of a string as MariaDB/MySQL count it (code points). */
export const codePoints = (s: string): number => {
  let n = 0;
  for (const _ of s) n += 1;
  return n;
};

/**
 * Trims string input and brings it to Unicode NFC (the composed form: "é" is one code point whether it was typed
 * as one or as e + U+0301), so that equal-looking text is stored, searched and counted alike. Other types pass
 * through to be refused by their validator. Not for secrets (passwords, tokens): those are used as sent.
 */
export const Trim = () => Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.normalize('NFC').trim() : value));

/**
 * An optional list of up to `maxItems` non-empty strings of at most `maxLength` code points each, every item
 * stored as `@Trim()` stores a string (NFC, trimmed): names of participants, stakeholder groups.
 */
export const TextList = (maxItems: number, maxLength: number) =>
  applyDecorators(
    IsOptional(),
    IsArray(),
    ArrayMaxSize(maxItems),
    Transform(({ value }: { value: unknown }) =>
      Array.isArray(value) ? value.map((v: unknown) => (typeof v === 'string' ? v.normalize('NFC').trim() : v)) : value,
    ),
    IsString({ each: true }),
    IsNotEmpty({ each: true }),
    MaxLength(maxLength, { each: true }),
  );

/**
 * At most `max` code points. Named `maxLength`, with class-validator's message, like the decorator it replaces
 * (forms read the limit with `lengthOf`; clients may read the message).
 */
export function MaxLength(max: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'maxLength',
      constraints: [max],
      validator: {
        validate: (value: unknown) => typeof value === 'string' && codePoints(value) <= max,
        defaultMessage: buildMessage((each) => `${each}$property must be shorter than or equal to $constraint1 characters`, options),
      },
    },
    options,
  );
}

/** At least `min` code points. */
export function MinLength(min: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'minLength',
      constraints: [min],
      validator: {
        validate: (value: unknown) => typeof value === 'string' && codePoints(value) >= min,
        defaultMessage: buildMessage((each) => `${each}$property must be longer than or equal to $constraint1 characters`, options),
      },
    },
    options,
  );
}

/** Tabs and line breaks of every kind (CR, LF, VT, FF, NEL, LINE/PARAGRAPH SEPARATOR). */
const LINE_BREAK = /[\t\n\v\f\r\u0085\u2028\u2029]/;

/**
 * One line: names and titles (a page shows them in one line, mail puts them in a subject). Multi-line text
 * (reasons, answers, summaries) keeps its tabs and line breaks; control characters and bidi overrides are refused
 * for every string by the input check (untrusted-input.ts).
 */
export function SingleLine(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'singleLine',
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || !LINE_BREAK.test(value),
        defaultMessage: buildMessage((each) => `${each}$property must be one line (no tabs or line breaks)`, options),
      },
    },
    options,
  );
}
