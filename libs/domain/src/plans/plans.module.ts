import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Commitment, CommitmentAgency, Milestone, MilestoneProgress, Plan } from './plan.entities.js';
import { PlansService } from './plans.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([Plan, Commitment, CommitmentAgency, Milestone, MilestoneProgress])],
  providers: [PlansService],
  exports: [PlansService],
})
export class PlansModule {}
