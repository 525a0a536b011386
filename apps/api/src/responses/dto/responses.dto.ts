import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  ValidateNested,
} from 'class-validator';
import { RECOMMENDATIONS, type Recommendation } from '#domain';
import { MaxLength, Trim } from '../../common/text.js';
import { InTimeRange } from '../../common/time.js';

/** A TEXT column holds 65,535 bytes: 10,000 characters fit even when every one takes 4 bytes. */
const LONG = 10_000;

export class ResponsePointDto {
  @Trim() @IsString() @IsNotEmpty() @MaxLength(2000) question: string;
  @Trim() @IsString() @IsNotEmpty() @MaxLength(LONG) answer: string;
}

/** An agency's assessment: recommendation, reasons (zh, optional en), point-by-point answers, planned follow-up. */
export class ResponseContentDto {
  @IsIn(RECOMMENDATIONS, { message: `recommendation must be one of: ${RECOMMENDATIONS.join(', ')}` }) recommendation: Recommendation;
  @Trim() @IsString() @IsNotEmpty({ message: 'reasoning is required' }) @MaxLength(LONG) reasoning: string;
  @IsOptional() @Trim() @IsString() @MaxLength(LONG) reasoningEn?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ResponsePointDto)
  points?: ResponsePointDto[];

  /** e.g. a collaboration meeting (協作會議) with the proposer and endorsers. */
  @IsOptional() @Trim() @IsString() @MaxLength(5000) followUp?: string;
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'followUpOn must be a date (YYYY-MM-DD)' })
  @IsISO8601({ strict: true })
  @InTimeRange()
  followUpOn?: string;
}

export class CreateResponseDto extends ResponseContentDto {
  /** Save without publishing; publish later with POST /responses/{id}/publish. */
  @IsOptional() @IsBoolean() draft?: boolean;
  /** Publishes a correction of this (published) response of the same agency. */
  @IsOptional() @IsUUID('all', { message: 'correctsId must be a response id' }) correctsId?: string;
}
