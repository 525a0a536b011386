import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query, UseGuards } from '@nestjs/common';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsBoolean, IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateNested,
} from 'class-validator';
import { AuthVerified, CurrentUser, OptionalJwtAuthGuard, type AuthUser } from '#auth';
import { RECOMMENDATIONS, type Recommendation, ResponsesService, ScoreboardService } from '#domain';
import { PageQuery } from '../common/pagination.dto.js';
import { Trim } from '../common/trim.js';

const Id = () => Param('id', new ParseUUIDPipe());
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

  @IsOptional() @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => ResponsePointDto)
  points?: ResponsePointDto[];

  /** e.g. a collaboration meeting (協作會議) with the proposer and endorsers. */
  @IsOptional() @Trim() @IsString() @MaxLength(5000) followUp?: string;
  @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'followUpOn must be a date (YYYY-MM-DD)' }) @IsISO8601({ strict: true }) followUpOn?: string;
}

export class CreateResponseDto extends ResponseContentDto {
  /** Save without publishing; publish later with POST /responses/{id}/publish. */
  @IsOptional() @IsBoolean() draft?: boolean;
  /** Publishes a correction of this (published) response of the same agency. */
  @IsOptional() @IsUUID('all', { message: 'correctsId must be a response id' }) correctsId?: string;
}

export class ScoreboardQuery extends PageQuery {
  @IsOptional() @IsUUID('all') callId?: string;
}

@Controller()
export class ResponsesController {
  constructor(
    private readonly responses: ResponsesService,
    private readonly scoreboard: ScoreboardService,
  ) {}

  /** 201; published unless `draft`. The lead agency's response moves the proposal to `responded`. */
  @Post('proposals/:id/responses')
  @AuthVerified('agency_staff')
  create(@Id() id: string, @Body() dto: CreateResponseDto, @CurrentUser() user: AuthUser) {
    return this.responses.create(user, id, dto, { draft: dto.draft, correctsId: dto.correctsId ?? null });
  }

  @Get('responses/:id')
  @UseGuards(OptionalJwtAuthGuard)
  get(@Id() id: string, @CurrentUser() user: AuthUser | null) {
    return this.responses.get(user, id);
  }

  /** Edits a draft; 409 once published. */
  @Put('responses/:id')
  @AuthVerified('agency_staff')
  update(@Id() id: string, @Body() dto: ResponseContentDto, @CurrentUser() user: AuthUser) {
    return this.responses.update(user, id, dto);
  }

  @Post('responses/:id/publish')
  @HttpCode(200)
  @AuthVerified('agency_staff')
  publish(@Id() id: string, @CurrentUser() user: AuthUser) {
    return this.responses.publish(user, id);
  }

  /** Public: each agency's record of answering (assigned, answered, on time, overdue now, median days, recommendations). */
  @Get('scoreboard/agencies')
  agencies(@Query() q: ScoreboardQuery) {
    return this.scoreboard.agencies({ callId: q.callId, page: q.page, pageSize: q.pageSize });
  }
}
