import {
  BadRequestException,
  Injectable,
  type MiddlewareConsumer,
  Module,
  type NestMiddleware,
  type NestModule,
  RequestMethod,
} from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

/** Deeper bodies are refused: no form or DTO of the API nests beyond a few levels. */
export const MAX_DEPTH = 32;

/** Keys that would reach an object's prototype when class-transformer copies a body onto a DTO. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** C0 controls but tab, LF and CR; DEL; C1 controls. NUL and ESC in a title end up in pages, mail and logs. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/** Bidi embeddings, overrides and isolates: they reorder the text around them (a spoofed name, "Trojan source"). */
const BIDI = /[\u202A-\u202E\u2066-\u2069]/;

/** A lone UTF-16 surrogate (`"\ud800"` in JSON): not text, UTF-8 (the database, mail, JSON columns) has no encoding for it. */
const LONE_SURROGATE = /\p{Cs}/u;

/** What is wrong with one string of the request, or null. */
export function textProblem(s: string): string | null {
  if (LONE_SURROGATE.test(s)) return 'contains an unpaired surrogate (not Unicode text)';
  if (CONTROL.test(s)) return 'contains a control character';
  if (BIDI.test(s)) return 'contains a bidirectional override or isolate';
  return null;
}

/**
 * Checks a parsed body or query before anything reads it, without recursion (a body nested thousands of levels
 * deep made class-transformer overflow the stack: a 500). Throws a 400 naming the first offending place.
 */
export function checkUntrusted(value: unknown, where: string): void {
  const stack: { v: unknown; path: string; depth: number }[] = [{ v: value, path: where, depth: 0 }];
  while (stack.length) {
    const { v, path, depth } = stack.pop()!;
    if (typeof v === 'string') {
      const problem = textProblem(v);
      if (problem) throw new BadRequestException(`${path} ${problem}`);
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (depth >= MAX_DEPTH) throw new BadRequestException(`${where} is nested more than ${MAX_DEPTH} levels deep`);
    for (const [key, child] of Object.entries(v)) {
      const at = Array.isArray(v) ? `${path}[${key}]` : `${path}.${key}`;
      if (FORBIDDEN_KEYS.has(key)) throw new BadRequestException(`${at} is not an accepted field name`);
      const problem = textProblem(key);
      if (problem) throw new BadRequestException(`a field name in ${path} ${problem}`);
      stack.push({ v: child, path: at, depth: depth + 1 });
    }
  }
}

/**
 * Every request's parsed body and query string, on every route (JSON and pages), whether or not its handler
 * reads them: refused with a 400 when nested deeper than MAX_DEPTH, when a key would reach a prototype, or when a
 * string (key or value) holds an unpaired surrogate, a control character (tab, LF and CR excepted: multi-line
 * text keeps them; one-line fields refuse them with `@SingleLine()`) or a bidi override. Runs after the body
 * parsers and the request logger, before guards, pipes and handlers.
 */
@Injectable()
export class UntrustedInputMiddleware implements NestMiddleware {
  use(req: Request, _res: Response, next: NextFunction): void {
    checkUntrusted(req.body as unknown, 'body');
    checkUntrusted(req.query as unknown, 'query');
    next();
  }
}

@Module({})
export class UntrustedInputModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(UntrustedInputMiddleware).forRoutes({ path: '{*splat}', method: RequestMethod.ALL });
  }
}
