import { Injectable } from '@nestjs/common';
import { JobName, type JobHandlers } from '#queue';
import { DeadlinesService } from './deadlines.service.js';
import { RoutingService } from './routing.service.js';

/** The jobs of the assignments context: routing a qualified proposal, deadline reminders, the weekly digest. */
@Injectable()
export class AssignmentsJobs {
  constructor(
    private readonly routing: RoutingService,
    private readonly deadlines: DeadlinesService,
  ) {}

  readonly handlers: JobHandlers = {
    [JobName.ProposalQualified]: async ({ proposalId }) => this.routing.route(proposalId),
    [JobName.AssignmentDeadlines]: async () => this.deadlines.sendReminders(),
    [JobName.AssignmentOverdueDigest]: async () => this.deadlines.sendOverdueDigest(),
  };
}
