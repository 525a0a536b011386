import { Module } from '@nestjs/common';
import { RouterModule } from '@nestjs/core';
import { AuthModule } from '#auth';
import { DomainModule } from '#domain';
import { AuthController } from './accounts/auth.controller.js';
import { AccountMailLimit } from './accounts/auth-throttling.js';
import { MeController } from './accounts/me.controller.js';
import { AdminUsersController } from './admin/admin-users.controller.js';
import { AgenciesController } from './agencies/agencies.controller.js';
import { AssignmentsController } from './assignments/assignments.controller.js';
import { CalendarController } from './calendar/calendar.controller.js';
import { CallsController } from './calls/calls.controller.js';
import { DecisionsController } from './decisions/decisions.controller.js';
import { EndorsementsController } from './endorsements/endorsements.controller.js';
import { ModerationController } from './moderation/moderation.controller.js';
import { OpenDataController } from './open-data/open-data.controller.js';
import { PlansController } from './plans/plans.controller.js';
import { ProposalsController } from './proposals/proposals.controller.js';
import { ResponsesController } from './responses/responses.controller.js';
import { StatisticsReportController } from './statistics/statistics-report.controller.js';
import { StatisticsController } from './statistics/statistics.controller.js';

/**
 * Every JSON controller, by context. One module rather than one per context: the controllers are thin
 * adapters over the domain's services, share the same two imports and have almost no providers of their own, so per-context modules would be near-empty files plus a RouterModule `children` list
 * that must mirror them — and a module left out of that list would silently answer outside /api/v1.
 */
@Module({
  imports: [DomainModule, AuthModule],
  controllers: [
    AuthController,
    MeController,
    AdminUsersController,
    AgenciesController,
    CallsController,
    PlansController,
    ProposalsController,
    EndorsementsController,
    ModerationController,
    AssignmentsController,
    ResponsesController,
    DecisionsController,
    StatisticsController,
    CalendarController,
    StatisticsReportController,
    OpenDataController,
  ],
  providers: [AccountMailLimit],
})
class JsonControllersModule {}

/**
 * The JSON API, mounted under `/api/v1` by Nest's RouterModule. Pages, `/health` and `/dev/mail` are other
 * modules and stay at the root: no global prefix, so no list of exclusions to keep in step with them.
 */
@Module({
  imports: [JsonControllersModule, RouterModule.register([{ path: 'api/v1', module: JsonControllersModule }])],
})
export class ApiV1Module {}
