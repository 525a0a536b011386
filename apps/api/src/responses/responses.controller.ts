import { Body, Controller, Get, HttpCode, Post, Put, UseGuards } from '@nestjs/common';
import { AuthVerified, CurrentUser, OptionalJwtAuthGuard, type AuthUser } from '#auth';
import { ResponsesService } from '#domain';
import { IdParam } from '../common/id-param.js';
import { CreateResponseDto, ResponseContentDto } from './dto/responses.dto.js';

/** Agencies' responses to the proposals assigned to them: drafts, publication, corrections. */
@Controller()
export class ResponsesController {
  constructor(private readonly responses: ResponsesService) {}

  /** 201; published unless `draft`. The lead agency's response moves the proposal to `responded`. */
  @Post('proposals/:id/responses')
  @AuthVerified('agency_staff')
  create(@IdParam() id: string, @Body() dto: CreateResponseDto, @CurrentUser() user: AuthUser) {
    return this.responses.create(user, id, dto, { draft: dto.draft, correctsId: dto.correctsId ?? null });
  }

  @Get('responses/:id')
  @UseGuards(OptionalJwtAuthGuard)
  get(@IdParam() id: string, @CurrentUser() user: AuthUser | null) {
    return this.responses.get(user, id);
  }

  /** Edits a draft; 409 once published. */
  @Put('responses/:id')
  @AuthVerified('agency_staff')
  update(@IdParam() id: string, @Body() dto: ResponseContentDto, @CurrentUser() user: AuthUser) {
    return this.responses.update(user, id, dto);
  }

  @Post('responses/:id/publish')
  @HttpCode(200)
  @AuthVerified('agency_staff')
  publish(@IdParam() id: string, @CurrentUser() user: AuthUser) {
    return this.responses.publish(user, id);
  }
}
