import { STATUS_CODES } from 'node:http';
import { type ArgumentsHost, Catch, HttpException } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { Response } from 'express';

/** The status of an error the client caused (4xx): an HttpException, or an http-errors error of Express's body parsers. */
function clientStatus(err: unknown): number | undefined {
  const status =
    err instanceof HttpException
      ? err.getStatus()
      : err instanceof Error && (err as { expose?: unknown }).expose !== false
        ? ((err as { status?: unknown; statusCode?: unknown }).status ?? (err as { statusCode?: unknown }).statusCode)
        : undefined;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}

/**
 * Every 4xx in the contract's shape `{ statusCode, error, message }`: Nest's own exceptions (a bare 401 from the
 * JWT guard, the throttler's 429 lack `error`) and the errors of the body parsers (too large: 413, an unknown
 * charset or encoding: 415, a form nested too deep: 400), which are not HttpExceptions. Anything else (a 5xx,
 * the health check's 503 body) goes to Nest's handling as before. Domain errors have their own filter.
 */
@Catch()
export class ErrorShapeFilter extends BaseExceptionFilter {
  override catch(err: unknown, host: ArgumentsHost): void {
    const status = clientStatus(err);
    if (status === undefined || host.getType() !== 'http') return super.catch(err, host);
    const body = err instanceof HttpException ? err.getResponse() : (err as Error).message;
    const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
    const message = typeof body === 'string' ? body : (fields.message ?? (err as Error).message);
    const error = typeof fields.error === 'string' ? fields.error : (STATUS_CODES[status] ?? 'Error');
    host
      .switchToHttp()
      .getResponse<Response>()
      .status(status)
      .json({ ...fields, statusCode: status, error, message });
  }
}
