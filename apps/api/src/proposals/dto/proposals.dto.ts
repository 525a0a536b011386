import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, ValidateIf, ValidateNested } from 'class-validator';
import { PUBLISHED_STATUSES, REVIEW_REASON_CODES, type ProposalSort, type ProposalStatus, type ReviewReasonCode } from '#domain';
import { LOCALES } from '#mail';
import { PageQuery } from '../../common/pagination.dto.js';
import { MaxLength, MinLength, SingleLine, Trim } from '../../common/text.js';

const LONG = 5000;

export class OgpValuesDto {
  @IsOptional() @Trim() @IsString() @MaxLength(2000) transparency?: string;
  @IsOptional() @Trim() @IsString() @MaxLength(2000) accountability?: string;
  @IsOptional() @Trim() @IsString() @MaxLength(2000) participation?: string;
}

/** The OGP commitment-proposal template. Text is stored as written; every renderer escapes it. */
export class ProposalContentDto {
  @Trim() @IsString() @SingleLine() @MinLength(4) @MaxLength(200) title: string;
  @Trim() @IsString() @IsNotEmpty() @MaxLength(1000) summary: string;
  @Trim() @IsString() @IsNotEmpty() @MaxLength(LONG) problem: string;
  @Trim() @IsString() @IsNotEmpty() @MaxLength(LONG) solution: string;
  @IsOptional() @Trim() @IsString() @MaxLength(LONG) cause?: string;
  @IsOptional() @Trim() @IsString() @MaxLength(LONG) expectedResults?: string;
  @IsOptional() @ValidateNested() @Type(() => OgpValuesDto) ogpValues?: OgpValuesDto;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(3, { message: 'at most 3 agencies can be suggested' })
  @IsUUID('all', { each: true, message: 'each suggested agency must be an agency id' })
  suggestedAgencyIds?: string[];

  /** One-agency shorthand for suggestedAgencyIds. */
  @IsOptional() @IsUUID('all', { message: 'suggestedAgencyId must be an agency id' }) suggestedAgencyId?: string;

  @IsOptional() @IsIn(LOCALES) language?: string;
}

export class CreateProposalDto extends ProposalContentDto {
  @IsUUID('all', { message: 'callId must be a call id' }) callId: string;
}

export class ReviewDto {
  @IsIn(['publish', 'return', 'reject']) decision: 'publish' | 'return' | 'reject';

  @ValidateIf((o: ReviewDto) => o.decision !== 'publish')
  @IsIn(REVIEW_REASON_CODES, { message: `reasonCode must be one of: ${REVIEW_REASON_CODES.join(', ')}` })
  reasonCode?: ReviewReasonCode;

  @ValidateIf((o: ReviewDto) => o.decision !== 'publish' || o.reason !== undefined)
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'reason is required to return or reject a proposal' })
  @MaxLength(2000)
  reason?: string;
}

export class ProposalListQueryDto extends PageQuery {
  @IsOptional() @IsIn(PUBLISHED_STATUSES) status?: ProposalStatus;
  @IsOptional() @Trim() @IsString() @MaxLength(100) q?: string;
  @IsOptional() @IsUUID('all') agencyId?: string;
  @IsOptional() @IsUUID('all') callId?: string;
  @IsOptional() @IsIn(['newest', 'most_endorsed', 'closing_soon']) sort?: ProposalSort;
}

export class SimilarQueryDto {
  @Trim() @IsString() @IsNotEmpty() @SingleLine() @MaxLength(200) title: string;
}

export function contentOf(dto: ProposalContentDto) {
  const ids = dto.suggestedAgencyIds ?? (dto.suggestedAgencyId ? [dto.suggestedAgencyId] : []);
  return {
    title: dto.title,
    summary: dto.summary,
    problem: dto.problem,
    solution: dto.solution,
    cause: dto.cause ?? null,
    expectedResults: dto.expectedResults ?? null,
    ogpValues: dto.ogpValues,
    suggestedAgencyIds: ids,
    language: dto.language,
  };
}
