import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CommitmentsService } from './commitments.service.js';
import { PlanImportService } from './plan-import.service.js';
import { Commitment, CommitmentAgency, Milestone, MilestoneProgress, MilestoneProgressReport, Plan } from './plan.entities.js';
import { PlanQueries } from './plans.queries.js';
import { PlansService } from './plans.service.js';
import { ProgressService } from './progress.service.js';

/** Action plans: plans, commitments (from adopted proposals or not), milestones, yearly progress; import and export. */
@Module({
  imports: [TypeOrmModule.forFeature([Plan, Commitment, CommitmentAgency, Milestone, MilestoneProgress, MilestoneProgressReport])],
  providers: [PlansService, CommitmentsService, ProgressService, PlanImportService, PlanQueries],
  exports: [PlansService, CommitmentsService, ProgressService, PlanImportService, PlanQueries],
})
export class PlansModule {}
