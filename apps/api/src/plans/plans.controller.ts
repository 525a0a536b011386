import { Body, Controller, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { AuthVerified, CurrentUser, type AuthUser } from '#auth';
import { CommitmentsService, PlanImportService, PlansService, ProgressService } from '#domain';
import { IdParam } from '../common/id-param.js';
import { PageQuery } from '../common/pagination.dto.js';
import { CreateCommitmentDto, CreatePlanDto, ProgressDto } from './dto/plans.dto.js';

/** Action plans: plans, commitments, milestones and their yearly progress; the plan document (import and export). */
@Controller()
export class PlansController {
  constructor(
    private readonly plans: PlansService,
    private readonly commitments: CommitmentsService,
    private readonly progress: ProgressService,
    private readonly importer: PlanImportService,
  ) {}

  @Get('plans')
  list(@Query() q: PageQuery) {
    return this.plans.list(q.page, q.pageSize);
  }

  @Get('plans/:id')
  get(@IdParam() id: string) {
    return this.plans.get(id);
  }

  @Post('plans')
  @AuthVerified('task_force')
  create(@Body() dto: CreatePlanDto, @CurrentUser() user: AuthUser) {
    return this.plans.create(user, dto);
  }

  /**
   * 201 the plan; the body is a plan document (the export's shape), validated as a whole by the domain's schema:
   * 422 with `errors: [{path, message}]` listing every error, nothing written; 409 when the plan code exists.
   */
  @Post('plans/import')
  @AuthVerified('task_force')
  async import(@Body() body: unknown, @CurrentUser() user: AuthUser) {
    const id = await this.importer.import(user, body);
    return this.plans.get(id);
  }

  @Post('plans/:id/commitments')
  @AuthVerified('task_force')
  createCommitment(@IdParam() id: string, @Body() dto: CreateCommitmentDto, @CurrentUser() user: AuthUser) {
    const { area, problem, ...rest } = dto;
    return this.commitments.create(user, id, { ...rest, areaZh: area, problemZh: problem });
  }

  @Get('commitments/:id')
  commitment(@IdParam() id: string) {
    return this.commitments.get(id);
  }

  /** 200; staff of a lead agency of the commitment only. One current report per year; every report is kept. */
  @Put('milestones/:id/progress')
  @HttpCode(200)
  @AuthVerified('agency_staff')
  report(@IdParam() id: string, @Body() dto: ProgressDto, @CurrentUser() user: AuthUser) {
    return this.progress.report(user, id, dto);
  }

  @Get('milestones/:id/progress')
  history(@IdParam() id: string) {
    return this.progress.history(id);
  }

  /** The plan document, as the importer reads it. */
  @Get('export/plans/:id.json')
  export(@IdParam() id: string) {
    return this.plans.document(id);
  }
}
