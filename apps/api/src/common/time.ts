import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsDate, MaxDate, MinDate, ValidateBy, type ValidationOptions, buildMessage, isISO8601 } from 'class-validator';

/**
 * The times the API accepts: from 1970 to the end of 2999. A DATETIME column holds years 1000–9999 and a JS Date
 * reaches year 275760, so a time outside what the database holds used to pass validation and fail on insert (a
 * 500); the range leaves room for the days the domain adds to a time (deadlines, response days).
 */
export const EARLIEST_TIME = new Date('1970-01-01T00:00:00.000Z');
export const LATEST_TIME = new Date('2999-12-31T23:59:59.999Z');

/** A four-digit year first: no expanded years (`+275760-…`), which ISO-8601 allows and Date parses. */
const FOUR_DIGIT_YEAR = /^\d{4}-/;

/** An ISO-8601 string as a Date, or undefined when it is not one (numbers, `"1"`, week dates, expanded years). */
export function parseTime(value: unknown): Date | undefined {
  if (typeof value !== 'string' || !FOUR_DIGIT_YEAR.test(value) || !isISO8601(value, { strict: true, strictSeparator: true }))
    return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/**
 * A time in the body: an ISO-8601 string (never a number: `1e15` is a valid Date in year 33658), within
 * EARLIEST_TIME…LATEST_TIME; the DTO gets a Date. Anything else is left as sent, for IsDate to refuse.
 */
export function IsTime(options?: ValidationOptions): PropertyDecorator {
  const message = (property: string) => `${property} must be an ISO-8601 time between 1970 and 2999`;
  return applyDecorators(
    Transform(({ value }: { value: unknown }) => parseTime(value) ?? value),
    IsDate({ message: ({ property }) => message(property), ...options }),
    MinDate(EARLIEST_TIME, { message: ({ property }) => message(property), ...options }),
    MaxDate(LATEST_TIME, { message: ({ property }) => message(property), ...options }),
  );
}

/** A date or time kept as a string (the domain reads it: a date alone means a day in Taiwan) within the same range. */
export function InTimeRange(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'inTimeRange',
      validator: {
        validate: (value: unknown) => {
          const d = parseTime(value);
          return !!d && d >= EARLIEST_TIME && d <= LATEST_TIME;
        },
        defaultMessage: buildMessage((each) => `${each}$property must be a date between 1970 and 2999`, options),
      },
    },
    options,
  );
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Like IsTime, but a date alone (`2026-01-01`) means the start of that day in Taiwan (00:00 +08:00), not UTC
 * midnight: for filters by day, such as the statistics' `from` and `to`.
 */
export function IsTimeOrTaipeiDay(options?: ValidationOptions): PropertyDecorator {
  const message = (property: string) => `${property} must be a date or an ISO-8601 time between 1970 and 2999`;
  return applyDecorators(
    Transform(({ value }: { value: unknown }) =>
      typeof value === 'string' && DATE_ONLY.test(value) ? (parseTime(`${value}T00:00:00+08:00`) ?? value) : (parseTime(value) ?? value),
    ),
    IsDate({ message: ({ property }) => message(property), ...options }),
    MinDate(EARLIEST_TIME, { message: ({ property }) => message(property), ...options }),
    MaxDate(LATEST_TIME, { message: ({ property }) => message(property), ...options }),
  );
}
