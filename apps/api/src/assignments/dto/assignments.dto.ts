import { IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, Matches } from 'class-validator';
import { ASSIGNMENT_ROLES, type AssignmentRole, InvalidInputError, endOfTaipeiDay } from '#domain';
import { PageQuery } from '../../common/pagination.dto.js';
import { MaxLength, Trim } from '../../common/text.js';
import { InTimeRange } from '../../common/time.js';

export class AssignDto {
  @IsUUID('all', { message: 'agencyId must be an agency id' }) agencyId: string;
  @IsIn(ASSIGNMENT_ROLES, { message: 'role must be lead or co' }) role: AssignmentRole;
}

export class InboxQuery extends PageQuery {
  @IsOptional() @IsIn(['open', 'closed']) status?: 'open' | 'closed';
  /** Admins (who belong to no agency) name the agency whose inbox they read. */
  @IsOptional() @IsUUID('all') agencyId?: string;
}

export class TransferDto {
  @IsUUID('all', { message: 'toAgencyId must be an agency id' }) toAgencyId: string;
  @Trim() @IsString() @IsNotEmpty({ message: 'reason is required' }) @MaxLength(2000) reason: string;
}

/** A calendar date, or a date and time with its offset (no week or ordinal dates, no local times). */
const DEADLINE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;
const DEADLINE_MESSAGE = 'newDueAt must be a date (YYYY-MM-DD) or a date and time with its offset (2027-03-31T17:00:00+08:00)';

export class ExtensionDto {
  /** The new deadline: a date (YYYY-MM-DD, meaning the end of that day in Taiwan) or a full ISO-8601 time. */
  @Matches(DEADLINE, { message: DEADLINE_MESSAGE })
  @IsISO8601({ strict: true }, { message: DEADLINE_MESSAGE })
  @InTimeRange()
  newDueAt: string;
  @Trim() @IsString() @IsNotEmpty({ message: 'reason is required' }) @MaxLength(2000) reason: string;
  /** What has been done so far (Join publishes it with the extension). */
  @IsOptional() @Trim() @IsString() @MaxLength(5000) progress?: string;
}

export class TransferDecisionDto {
  @IsOptional() @Trim() @IsString() @MaxLength(2000) note?: string;
}

export class RefuseTransferDto {
  @Trim() @IsString() @IsNotEmpty({ message: 'note is required: tell the agency why' }) @MaxLength(2000) note: string;
}

/** An ExtensionDto's `newDueAt` as a time: a date without a time is the end of that day in Taiwan. */
export function deadlineFrom(value: string): Date {
  const d = /^\d{4}-\d{2}-\d{2}$/.test(value) ? endOfTaipeiDay(value) : new Date(value);
  if (Number.isNaN(d.getTime())) throw new InvalidInputError(DEADLINE_MESSAGE);
  return d;
}
