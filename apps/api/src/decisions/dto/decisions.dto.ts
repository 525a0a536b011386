import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Matches,
  Max,
  Min,
} from 'class-validator';
import {
  CONCLUDED_OUTCOMES,
  type ConcludedOutcome,
  DECISION_METHODS,
  DECISION_OUTCOMES,
  type DecisionMethod,
  type DecisionOutcome,
  MEMBER_ROLES,
  MEMBER_SIDES,
  type MemberRole,
  type MemberSide,
} from '#domain';
import { MaxLength, SingleLine, Trim } from '../../common/text.js';
import { InTimeRange } from '../../common/time.js';

/** MEDIUMTEXT holds far more; this bounds what one request may carry (the JSON body parser stops at 100 kB anyway). */
const REASONS = 20_000;
const MINUTES = 50_000;
/** A vote count: no forum has this many members; larger numbers are a mistake. */
const MAX_COUNT = 10_000;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const dateMessage = (field: string) => `${field} must be a date (YYYY-MM-DD)`;

/** A calendar date (YYYY-MM-DD) between 1970 and 2999. */
function IsDay(field: string): PropertyDecorator {
  return (target, key) => {
    Matches(DATE, { message: dateMessage(field) })(target, key);
    IsISO8601({ strict: true }, { message: dateMessage(field) })(target, key);
    InTimeRange()(target, key);
  };
}

/** A web address: http or https only (no javascript:, data: or file: links on a public page). */
function IsWebUrl(field: string): PropertyDecorator {
  return IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: `${field} must be an http(s) URL` });
}

export class MemberDto {
  @Trim() @IsString() @IsNotEmpty({ message: 'name is required' }) @SingleLine() @MaxLength(200) name: string;
  @IsIn(MEMBER_SIDES, { message: `side must be one of: ${MEMBER_SIDES.join(', ')}` }) side: MemberSide;
  @IsIn(MEMBER_ROLES, { message: `role must be one of: ${MEMBER_ROLES.join(', ')}` }) role: MemberRole;
  /** Required for a government member (their agency), refused for a civil-society one. */
  @IsOptional() @IsUUID('all', { message: 'agencyId must be an agency id' }) agencyId?: string;
  @IsDay('since') since: string;
  @IsOptional() @IsDay('until') until?: string;
}

export class MeetingDto {
  @IsInt() @Min(1) @Max(100_000) number: number;
  @IsDay('heldOn') heldOn: string;
  @Trim() @IsString() @IsNotEmpty({ message: 'titleZh is required' }) @SingleLine() @MaxLength(300) titleZh: string;
  @IsOptional() @Trim() @IsString() @SingleLine() @MaxLength(300) titleEn?: string;

  /** The members present: each must be a member on `heldOn`. */
  @IsArray()
  @ArrayMinSize(1, { message: 'attendeeIds must name at least one member' })
  @ArrayMaxSize(500)
  @ArrayUnique({ message: 'attendeeIds must not repeat a member' })
  @IsUUID('all', { each: true, message: 'attendeeIds must be member ids' })
  attendeeIds: string[];

  /** Public proposals on the agenda, in order. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @ArrayUnique({ message: 'agendaProposalIds must not repeat a proposal' })
  @IsUUID('all', { each: true, message: 'agendaProposalIds must be proposal ids' })
  agendaProposalIds?: string[];

  @IsOptional() @Trim() @IsString() @MaxLength(2000) @IsWebUrl('minutesUrl') minutesUrl?: string;
  @IsOptional() @Trim() @IsString() @MaxLength(2000) @IsWebUrl('transcriptUrl') transcriptUrl?: string;
  @IsOptional() @Trim() @IsString() @MaxLength(MINUTES) minutesZh?: string;
  @IsOptional() @Trim() @IsString() @MaxLength(MINUTES) minutesEn?: string;
}

export class DecisionDto {
  @IsUUID('all', { message: 'meetingId must be a meeting id' }) meetingId: string;
  @IsIn(DECISION_OUTCOMES, { message: `outcome must be one of: ${DECISION_OUTCOMES.join(', ')}` }) outcome: DecisionOutcome;
  @IsIn(DECISION_METHODS, { message: `method must be one of: ${DECISION_METHODS.join(', ')}` }) method: DecisionMethod;
  @Trim() @IsString() @IsNotEmpty({ message: 'reasoning is required' }) @MaxLength(REASONS) reasoning: string;
  @IsOptional() @Trim() @IsString() @MaxLength(REASONS) reasoningEn?: string;
  /** The condition of a conditional adoption, e.g. pending a working group's results. */
  @IsOptional() @Trim() @IsString() @MaxLength(5000) condition?: string;
  @IsOptional() @Trim() @IsString() @MaxLength(5000) conditionEn?: string;
  @IsOptional() @IsInt() @Min(0) @Max(MAX_COUNT) agreedToVote?: number;
  @IsOptional() @IsInt() @Min(0) @Max(MAX_COUNT) votesFor?: number;
  @IsOptional() @IsInt() @Min(0) @Max(MAX_COUNT) votesAgainst?: number;
  @IsOptional() @IsInt() @Min(0) @Max(MAX_COUNT) abstentions?: number;
}

export class ConclusionDto {
  @IsIn(CONCLUDED_OUTCOMES, { message: `outcome must be one of: ${CONCLUDED_OUTCOMES.join(', ')}` }) outcome: ConcludedOutcome;
  @Trim() @IsString() @IsNotEmpty({ message: 'reasoning is required' }) @MaxLength(REASONS) reasoning: string;
  @IsOptional() @Trim() @IsString() @MaxLength(REASONS) reasoningEn?: string;
  /** The meeting that concluded it, when one did (a working group may conclude between meetings). */
  @IsOptional() @IsUUID('all', { message: 'meetingId must be a meeting id' }) meetingId?: string;
}

export class TranslationDto {
  @Trim() @IsString() @IsNotEmpty({ message: 'reasoningEn is required' }) @MaxLength(REASONS) reasoningEn: string;
  @IsOptional() @Trim() @IsString() @MaxLength(5000) conditionEn?: string;
  @IsOptional() @Trim() @IsString() @MaxLength(REASONS) concludedReasoningEn?: string;
}
