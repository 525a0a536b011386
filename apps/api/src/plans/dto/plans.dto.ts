import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  IsUrl,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { COMMITMENT_ORIGINS, type CommitmentOrigin, PLAN_STATUSES, PROGRESS_STATUSES, type PlanStatus, type ProgressStatus } from '#domain';
import { MaxLength, SingleLine, TextList, Trim } from '../../common/text.js';

/** A TEXT column holds 65,535 bytes: 16,000 characters fit even when every one takes 4 bytes. */
const TEXT = 16_000;
/** MEDIUMTEXT columns (answers of the sheet, narratives). */
const LONG = 100_000;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
/** `YYYY-MM`, or `YYYY` where a plan gives years only. */
const PERIOD = /^\d{4}(-(0[1-9]|1[0-2]))?$/;
const CODE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export class CreatePlanDto {
  @Matches(CODE, { message: 'code must be letters, digits, . _ -' }) @MaxLength(50) code: string;
  @Trim() @IsString() @IsNotEmpty() @SingleLine() @MaxLength(300) titleZh: string;
  @Trim() @IsString() @IsNotEmpty() @SingleLine() @MaxLength(300) titleEn: string;
  @IsString() @Matches(PERIOD, { message: 'periodStart must be YYYY-MM' }) periodStart: string;
  @IsString() @Matches(PERIOD, { message: 'periodEnd must be YYYY-MM' }) periodEnd: string;
  @IsIn(PLAN_STATUSES, { message: `status must be one of: ${PLAN_STATUSES.join(', ')}` }) status: PlanStatus;
}

export class StakeholdersDto {
  @TextList(100, 300)
  governmentZh: string[] = [];
  @TextList(100, 300)
  civilSocietyZh: string[] = [];
  @TextList(100, 300)
  otherZh: string[] = [];
}

export class DescriptionDto {
  @IsOptional() @Trim() @IsString() @MaxLength(LONG) measuresSoFar?: string;
  @IsOptional() @Trim() @IsString() @MaxLength(LONG) proposedSolution?: string;
  @IsOptional() @Trim() @IsString() @MaxLength(LONG) expectedResults?: string;
  @IsOptional() @Trim() @IsString() @MaxLength(LONG) publicProblem?: string;
  @IsOptional() @Trim() @IsString() @MaxLength(LONG) commitmentDescription?: string;
  @IsOptional() @Trim() @IsString() @MaxLength(LONG) contribution?: string;
  @IsOptional() @Trim() @IsString() @MaxLength(LONG) ogpValuesRelevance?: string;
}

export class AnalysisDto {
  @IsOptional() @Trim() @IsString() @MaxLength(LONG) transparency?: string;
  @IsOptional() @Trim() @IsString() @MaxLength(LONG) accountability?: string;
  @IsOptional() @Trim() @IsString() @MaxLength(LONG) participation?: string;
}

export class ContactDto {
  @IsOptional() @Trim() @IsString() @SingleLine() @MaxLength(200) name?: string;
  @IsOptional() @Trim() @IsString() @SingleLine() @MaxLength(500) titleDept?: string;
  @IsOptional() @Trim() @IsString() @SingleLine() @MaxLength(300) jobTitleZh?: string;
  @IsOptional() @Trim() @IsString() @SingleLine() @MaxLength(500) departmentZh?: string;
  @IsOptional() @Trim() @IsString() @SingleLine() @MaxLength(254) email?: string;
  @IsOptional() @Trim() @IsString() @SingleLine() @MaxLength(200) phone?: string;
}

export class NewMilestoneDto {
  @Trim() @IsString() @IsNotEmpty() @MaxLength(TEXT) titleZh: string;
  @IsOptional() @Trim() @IsString() @MaxLength(TEXT) titleEn?: string;
  @Trim() @IsString() @IsNotEmpty() @MaxLength(TEXT) expectedOutput: string;
  @IsOptional() @IsString() @Matches(MONTH, { message: 'start must be YYYY-MM' }) start?: string;
  @IsString() @Matches(MONTH, { message: 'due must be YYYY-MM' }) due: string;
  @IsOptional() @ValidateNested() @Type(() => StakeholdersDto) stakeholders?: StakeholdersDto;
  @IsOptional() @Trim() @IsString() @MaxLength(TEXT) stakeholdersAsWrittenZh?: string;
}

/** The contract's commitment plus every field of the templates (data/README.md). */
export class CreateCommitmentDto {
  @IsOptional() @IsUUID('all', { message: 'proposalId must be a proposal id' }) proposalId?: string;
  @Matches(CODE, { message: 'code must be letters, digits, . _ -' }) @MaxLength(20) code: string;
  @Trim() @IsString() @IsNotEmpty() @SingleLine() @MaxLength(500) titleZh: string;
  @IsOptional() @Trim() @IsString() @SingleLine() @MaxLength(500) titleEn?: string;
  /** Required unless `proposalId` is given (then civil_society). */
  @IsOptional() @IsIn(COMMITMENT_ORIGINS, { message: `origin must be one of: ${COMMITMENT_ORIGINS.join(', ')}` }) origin?: CommitmentOrigin;
  @IsOptional() @Trim() @IsString() @MaxLength(TEXT) originZh?: string;
  @IsOptional() @Trim() @IsString() @MaxLength(TEXT) originEn?: string;
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true, message: 'leadAgencyIds must be agency ids' })
  leadAgencyIds: string[];
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true, message: 'coAgencyIds must be agency ids' })
  coAgencyIds?: string[];
  /** The area (領域) in Chinese, as the contract's `area`. */
  @IsOptional() @Trim() @IsString() @SingleLine() @MaxLength(100) area?: string;
  @IsOptional() @Trim() @IsString() @SingleLine() @MaxLength(200) areaEn?: string;
  @IsOptional() @Trim() @IsString() @MaxLength(TEXT) summaryZh?: string;
  @IsOptional() @ValidateNested() @Type(() => StakeholdersDto) stakeholders?: StakeholdersDto;
  @IsOptional() @IsString() @Matches(PERIOD, { message: 'periodStart must be YYYY-MM' }) periodStart?: string;
  @IsOptional() @IsString() @Matches(PERIOD, { message: 'periodEnd must be YYYY-MM' }) periodEnd?: string;
  /** The problem in short (問題界定), as the contract's `problem`. */
  @IsOptional() @Trim() @IsString() @MaxLength(LONG) problem?: string;
  @IsOptional() @Trim() @IsString() @MaxLength(LONG) problemEn?: string;
  @IsOptional() @Trim() @IsString() @MaxLength(LONG) problemFullZh?: string;
  @IsOptional() @Trim() @IsString() @MaxLength(LONG) problemCauseZh?: string;
  @IsOptional() @ValidateNested() @Type(() => DescriptionDto) description?: DescriptionDto;
  @IsOptional() @ValidateNested() @Type(() => AnalysisDto) analysis?: AnalysisDto;
  @IsOptional() @Trim() @IsString() @MaxLength(LONG) otherInformationZh?: string;
  @IsOptional() @ValidateNested() @Type(() => ContactDto) contact?: ContactDto;
  @TextList(100, 300)
  participantsGovernmentZh?: string[];
  @TextList(100, 300)
  participantsCivilZh?: string[];
  @IsOptional() @Trim() @IsString() @MaxLength(TEXT) noteEn?: string;

  @IsArray() @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => NewMilestoneDto) milestones: NewMilestoneDto[];
}

/** A lead agency's yearly report on a milestone. */
export class ProgressDto {
  @Type(() => Number) @IsInt() @Min(2000) @Max(2100) year: number;
  @IsIn(PROGRESS_STATUSES, { message: `status must be one of: ${PROGRESS_STATUSES.join(', ')}` }) status: ProgressStatus;
  /** Only with substantial_or_complete (422 otherwise). */
  @IsOptional() @IsBoolean() complete?: boolean;
  @Trim() @IsString() @IsNotEmpty({ message: 'narrative is required' }) @MaxLength(LONG) narrative: string;
  @IsOptional() @Trim() @IsString() @MaxLength(LONG) narrativeEn?: string;
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { each: true, message: 'evidenceUrls must be http(s) URLs' })
  @MaxLength(2000, { each: true })
  evidenceUrls?: string[];
}
