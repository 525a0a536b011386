import { applyDecorators } from '@nestjs/common';
import { IsEmail, ValidateBy, buildMessage } from 'class-validator';
import { mailboxSpellingProblem } from '#domain';
import { MaxLength, Trim } from './text.js';

/**
 * An e-mail address that names an account (register, sign in, reset): trimmed, valid, at most 254 characters, and
 * spelled the way mail is delivered to it, so the canonical key (one account per mailbox) cannot be taken by a
 * spelling that reaches another mailbox (`mailboxSpellingProblem()` of the accounts context).
 */
export function AccountEmail(): PropertyDecorator {
  return applyDecorators(
    Trim(),
    IsEmail({}, { message: 'email must be a valid email address' }),
    ValidateBy({
      name: 'mailboxSpelling',
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || mailboxSpellingProblem(value) === null,
        defaultMessage: buildMessage((each, args) => `${each}$property ${mailboxSpellingProblem(String(args?.value)) ?? ''}`),
      },
    }),
    MaxLength(254),
  );
}
