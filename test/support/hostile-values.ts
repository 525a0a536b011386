import type { Type } from '@nestjs/common';
// class-transformer declares its @Type() store in types/storage.d.ts but ships no types beside the CJS file the app loads.
// @ts-expect-error -- typed just below
import { defaultMetadataStorage as store } from 'class-transformer/cjs/storage.js';
import type { MetadataStorage } from 'class-transformer/types/MetadataStorage.js';
import { getMetadataStorage } from 'class-validator';
import fc from 'fast-check';

const defaultMetadataStorage = store as MetadataStorage;

/** What kind of value a DTO field takes, read from its class-validator and class-transformer metadata. */
export type FieldKind = 'email' | 'uuid' | 'in' | 'time' | 'day' | 'int' | 'bool' | 'nested' | 'pattern' | 'text';

export interface Field {
  name: string;
  kind: FieldKind;
  /** An array of such values (`each: true`, `@IsArray()`). */
  each: boolean;
  optional: boolean;
  min?: number;
  max?: number;
  options?: readonly unknown[];
  pattern?: RegExp;
  nested?: Type;
}

interface ValidationMeta {
  propertyName: string;
  name?: string;
  type: string;
  each?: boolean;
  constraints?: unknown[];
}

/** The fields of a DTO class, in declaration order. */
export function fieldsOf(dto: Type): Field[] {
  const metas = getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false) as unknown as ValidationMeta[];
  const props = [...new Set(metas.map((m) => m.propertyName))];
  return props.map((name) => {
    const ms = metas.filter((m) => m.propertyName === name);
    const rule = (n: string) => ms.find((m) => m.name === n);
    const typed = defaultMetadataStorage.findTypeMetadata(dto, name)?.typeFunction() as Type | undefined;
    const nested = ms.some((m) => m.type === 'nestedValidation');
    const kind: FieldKind = rule('isEmail')
      ? 'email'
      : rule('isUuid')
        ? 'uuid'
        : rule('isIn')
          ? 'in'
          : rule('isDate') || (typed as unknown) === Date
            ? 'time'
            : rule('isIso8601')
              ? 'day'
              : rule('isInt')
                ? 'int'
                : rule('isBoolean')
                  ? 'bool'
                  : nested
                    ? 'nested'
                    : rule('matches')
                      ? 'pattern'
                      : 'text';
    const main = ms.find((m) => m.name && m.name.toLowerCase().startsWith(`is${kind}`));
    return {
      name,
      kind,
      each: !!rule('isArray') || !!main?.each,
      optional: ms.some((m) => m.type === 'conditionalValidation'),
      min: (rule('minLength')?.constraints?.[0] ?? rule('min')?.constraints?.[0]) as number | undefined,
      max: (rule('maxLength')?.constraints?.[0] ?? rule('max')?.constraints?.[0]) as number | undefined,
      options: rule('isIn')?.constraints?.[0] as readonly unknown[] | undefined,
      pattern: rule('matches')?.constraints?.[0] as RegExp | undefined,
      nested: kind === 'nested' ? typed : undefined,
    };
  });
}

const DAY = 86_400_000;
let seq = 0;

/**
 * A valid value for each field, so that one hostile field at a time is the only thing wrong with a body.
 * `ids` gives real ids by field name (callId, agencyId…) so that bodies reach the database; others get a random UUID.
 */
export function validBody(fields: Field[], ids: (field: string) => string): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  let times = 0;
  for (const f of fields) {
    let v: unknown;
    seq += 1;
    switch (f.kind) {
      case 'email':
        v = `hostile.${Date.now().toString(36)}.${seq}@example.org`;
        break;
      case 'uuid':
        v = ids(f.name);
        break;
      case 'in':
        v = f.options![0];
        break;
      case 'time':
        v = new Date(Date.now() + (times++ === 0 ? -DAY : 30 * DAY)).toISOString();
        break;
      case 'day':
        v = new Date(Date.now() + 90 * DAY).toISOString().slice(0, 10);
        break;
      case 'int':
        v = f.min ?? 1;
        break;
      case 'bool':
        v = true;
        break;
      case 'nested':
        v = validBody(fieldsOf(f.nested!), ids);
        break;
      case 'pattern':
        v = `h${seq}`;
        if (!f.pattern!.test(v as string)) v = fc.sample(fc.stringMatching(f.pattern!), { numRuns: 1, seed: seq })[0];
        break;
      case 'text':
        v = '測試 hostile input'.padEnd(Math.max(f.min ?? 0, 4), '字').slice(0, f.max ?? 100);
        break;
    }
    body[f.name] = f.each ? [v] : v;
  }
  return body;
}

// Hostile characters. Strings get them inserted at a random place, so the rest of the value stays valid.
const LONE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
const CONTROLS = [...Array(32).keys()].filter((c) => ![9, 10, 13].includes(c)).concat([0x7f, 0x80, 0x85, 0x9b, 0x9f]);
const control = fc.constantFrom(...CONTROLS).map((c) => String.fromCodePoint(c));
const bidi = fc.constantFrom(0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069).map((c) => String.fromCodePoint(c));

function inserted(base: string, chars: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.nat({ max: base.length }),
      fc.array(chars, { minLength: 1, maxLength: 3 }),
      fc.string({ unit: 'grapheme-ascii', maxLength: 4 }),
    )
    .map(([i, cs, filler]) => base.slice(0, i) + cs.join(filler) + base.slice(i));
}

/**
 * Text the validator used to count shorter than the database does: validator.js counts a character followed by
 * a variation selector (U+FE0E/U+FE0F) as one, and an astral character as one, where utf8mb4 counts code points
 * (and a TEXT column, bytes). `max` such pairs: "max" long to the old rule, 2·max code points and 7·max bytes.
 */
function overlong(max: number): fc.Arbitrary<string> {
  return fc.array(fc.constantFrom('😀\uFE0F', 'x\uFE0E', '❤\uFE0F', '字\uFE0F'), { minLength: max, maxLength: max }).map((a) => a.join(''));
}

export type HostileClass =
  | 'lone-surrogate'
  | 'control'
  | 'bidi'
  | 'length'
  | 'type'
  | 'id'
  | 'time'
  | 'number'
  | 'deep-json'
  | 'proto-keys'
  | 'body-parser'
  | 'query-array';

export interface HostileValue {
  cls: HostileClass;
  value: unknown;
}

const sample = <T>(arb: fc.Arbitrary<T>, numRuns: number, seed: number) => fc.sample(arb, { numRuns, seed });

/** A JSON value nested `depth` levels deep (built without recursion). */
export function deepValue(depth: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
}

/** Refusable values for one field (each must get a 4xx), `runs` fast-check samples per character class. */
export function hostileValues(f: Field, base: unknown, runs: number, seed: number): HostileValue[] {
  const wrap = (values: unknown[], cls: HostileClass) => values.map((value) => ({ cls, value: f.each ? [value] : value }));
  const out: HostileValue[] = [];
  const text = typeof base === 'string' ? base : Array.isArray(base) && typeof base[0] === 'string' ? (base[0] as string) : 'x';
  if (['text', 'email', 'pattern', 'uuid', 'in', 'day'].includes(f.kind)) {
    out.push(
      ...wrap(
        sample(
          inserted(text, loneSurrogate).filter((s) => LONE.test(s)),
          runs,
          seed,
        ),
        'lone-surrogate',
      ),
    );
    out.push(...wrap(sample(inserted(text, control), runs, seed + 1), 'control'));
    out.push(...wrap(sample(inserted(text, bidi), runs, seed + 2), 'bidi'));
  }
  if (f.kind === 'text' && f.max) out.push(...wrap(sample(overlong(f.max), 1, seed + 3), 'length'));
  out.push(...wrap([f.kind === 'int' ? '123' : 123, { a: 'b' }, ['x', 'y'], deepValue(40)], 'type'));
  if (f.kind === 'uuid')
    out.push(
      ...wrap(
        [
          'not-a-uuid',
          'ü'.repeat(36),
          `${text.slice(0, 35)}ü`,
          `${text}\u202e`,
          'ＡＡＡＡＡＡＡＡ-ＡＡＡＡ-ＡＡＡＡ-ＡＡＡＡ-ＡＡＡＡＡＡＡＡＡＡＡＡ',
          ...sample(fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }), runs, seed + 4),
        ],
        'id',
      ),
    );
  if (f.kind === 'time' || f.kind === 'day')
    out.push(
      ...wrap(
        [
          1e20,
          1e15,
          -1e15,
          0,
          true,
          '1',
          [2020],
          '+275760-09-13T00:00:00.001Z',
          '+275760-09-13T00:00:00.000Z',
          '+099999-01-01T00:00:00Z',
          '99999-01-01',
          '0000-01-01T00:00:00Z',
          '0000-01-01',
          '9999-12-31T23:59:59-14:00',
          '9999-12-31',
          '2026-02-30',
          '',
        ],
        'time',
      ),
    );
  if (f.kind === 'int') out.push(...wrap([1e300, -1, 1.5, '1', 2 ** 53 + 1, -(2 ** 31), 2 ** 31], 'number'));
  if (f.kind === 'in') out.push(...wrap(['no-such-value', `${text} `.repeat(3), {}], 'type'));
  return out;
}

/**
 * Refusable query values for a query field (strings only: a query string has no other type). A value the handler
 * reads without a DTO (`untyped`: a page's `?token=`) is only sure to be refused for its characters.
 */
export function hostileQueryValues(
  f: Field,
  runs: number,
  seed: number,
  untyped = false,
): { cls: HostileClass; value: string | string[] }[] {
  const base = f.kind === 'uuid' ? '00000000-0000-4000-8000-000000000000' : f.kind === 'in' ? String(f.options![0]) : 'abc';
  const out: { cls: HostileClass; value: string | string[] }[] = [
    ...sample(inserted(base, control), runs, seed).map((value) => ({ cls: 'control' as const, value })),
    ...sample(inserted(base, bidi), runs, seed + 1).map((value) => ({ cls: 'bidi' as const, value })),
  ];
  if (untyped) return out;
  out.push({ cls: 'query-array', value: [base, base] });
  if (f.kind === 'int')
    out.push(
      ...['1e300', '-1', 'NaN', 'Infinity', '', '1.5', '0', '9007199254740993', '1e6', '99999999999'].map((value) => ({
        cls: 'number' as const,
        value,
      })),
    );
  if (f.kind === 'text' && f.max) out.push(...sample(overlong(f.max), 1, seed + 2).map((value) => ({ cls: 'length' as const, value })));
  if (f.kind === 'uuid') out.push(...['not-a-uuid', 'ü'.repeat(36), `${base}ü`].map((value) => ({ cls: 'id' as const, value })));
  if (f.kind === 'in') out.push({ cls: 'type', value: 'no-such-value' });
  return out;
}

/** Path ids that are not ids (each one percent-encoded as it goes on the wire). */
export function hostileIds(runs: number, seed: number): string[] {
  return [
    'not-a-uuid',
    encodeURIComponent('ü'),
    encodeURIComponent('ü'.repeat(36)),
    encodeURIComponent('😀'),
    '%00',
    '%E2%80%AE',
    '%ED%A0%80',
    '%FF',
    '1e300',
    'x'.repeat(2000),
    `00000000-0000-4000-8000-00000000000${encodeURIComponent('ü')}`,
    ...sample(fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }), runs, seed).map((s) => encodeURIComponent(s)),
  ];
}
