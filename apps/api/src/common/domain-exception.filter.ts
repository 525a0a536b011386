import { STATUS_CODES } from 'node:http';
import { type ArgumentsHost, Catch, type ExceptionFilter, HttpStatus } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError, type DomainErrorKind } from '#domain';

const STATUS: Record<DomainErrorKind, HttpStatus> = {
  invalid: HttpStatus.BAD_REQUEST,
  unauthenticated: HttpStatus.UNAUTHORIZED,
  forbidden: HttpStatus.FORBIDDEN,
  not_found: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  rule: HttpStatus.UNPROCESSABLE_ENTITY,
};

/** Maps domain errors to the contract's error shape `{ statusCode, error, message }`, plus the error's own detail fields. */
@Catch(DomainError)
export class DomainExceptionFilter implements ExceptionFilter {
  catch(err: DomainError, host: ArgumentsHost): void {
    const status = STATUS[err.kind];
    host
      .switchToHttp()
      .getResponse<Response>()
      .status(status)
      // A refusal that lists several errors (a plan document's, each with its JSON path) carries them as `errors`.
      .json({
        ...err.detail,
        statusCode: status,
        error: STATUS_CODES[status],
        message: err.message,
        ...(listed(err) ? { errors: err.errors } : {}),
      });
  }
}

function listed(err: DomainError): err is DomainError & { errors: unknown[] } {
  return 'errors' in err && Array.isArray((err as { errors?: unknown }).errors);
}
