import { randomBytes } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppConfig, Clock } from '#config';
import { AccountsService, User, canonicalEmail } from '../accounts/index.js';
import { AgenciesService } from '../agencies/index.js';
import { RoutingService } from '../assignments/index.js';
import { Call, CallsService, JOIN_RULES } from '../calls/index.js';
import { DecisionsService, MeetingsService, MembersService, taipeiToday } from '../decisions/index.js';
import { EndorsementsService } from '../endorsements/index.js';
import { Plan, PlanImportService, realPlanDocuments } from '../plans/index.js';
import { Proposal, ProposalsService } from '../proposals/index.js';
import { ResponsesService } from '../responses/index.js';
import { type Role, addDays } from '../shared/index.js';
import { DEMO_DECISION, DEMO_PROPOSALS, DEMO_RESPONSE, DEMO_TASK_FORCE } from './demo-proposals.js';

/** The documented password of the demo accounts outside production; production gives each a random one. */
export const DEMO_PASSWORD = 'demo-password-2025';

/** Demo accounts: one per role, so a newcomer can try every part of the process. */
export const DEMO_ACCOUNTS: { email: string; displayName: string; roles: Role[]; agencyCode?: string }[] = [
  { email: 'citizen@demo.test', displayName: '示範公民 Demo Citizen', roles: [] },
  { email: 'moderator@demo.test', displayName: '示範審查員 Demo Moderator', roles: ['moderator'] },
  { email: 'agency@demo.test', displayName: '環境部示範承辦人 Demo Agency Staff', roles: ['agency_staff'], agencyCode: 'moenv' },
  { email: 'taskforce@demo.test', displayName: '推動小組幕僚 Demo Task Force', roles: ['task_force'] },
  { email: 'endorser1@demo.test', displayName: '示範附議人一 Demo Endorser 1', roles: [] },
  { email: 'endorser2@demo.test', displayName: '示範附議人二 Demo Endorser 2', roles: [] },
  { email: 'endorser3@demo.test', displayName: '示範附議人三 Demo Endorser 3', roles: [] },
];

/** A second demo call whose low threshold lets the demo proposals qualify. */
const DEMO_CALL = {
  titleZh: '示範徵集（低門檻，供試用）',
  titleEn: 'Demo call with a low threshold (for trying the platform)',
  endorsementThreshold: 3,
  endorsementDays: 60,
  responseDays: 60,
  routeToSuggestedAgency: true,
};

/**
 * Reference data (agencies) is loaded on every start into an empty directory; demo data
 * (the two real action plans, a call with Join's rules and demo accounts) when DEMO_DATA_ENABLED.
 */
@Injectable()
export class DemoDataService {
  private readonly logger = new Logger(DemoDataService.name);

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly agencies: AgenciesService,
    private readonly accounts: AccountsService,
    private readonly calls: CallsService,
    private readonly planImport: PlanImportService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly proposals: ProposalsService,
    private readonly endorsements: EndorsementsService,
    private readonly routing: RoutingService,
    private readonly responses: ResponsesService,
    private readonly members: MembersService,
    private readonly meetings: MeetingsService,
    private readonly decisions: DecisionsService,
  ) {}

  async loadReferenceData(): Promise<void> {
    const n = await this.agencies.loadReferenceData();
    if (n) this.logger.log(`loaded ${n} agencies`);
  }

  async loadDemoData(): Promise<void> {
    if ((await this.ds.getRepository(Plan).count()) === 0) {
      // Through the importer, as any plan document: the converter turns the data files into plan documents.
      for (const doc of realPlanDocuments()) await this.planImport.importTrusted(doc);
      this.logger.log('imported the 2025–2028 draft plan and the 2021–2024 plan with its 2023 status');
    }
    if ((await this.ds.getRepository(Call).count()) === 0) {
      const now = this.clock.now();
      await this.calls.create({
        titleZh: '開放政府國家行動方案 承諾事項提案徵集',
        titleEn: 'Open Government National Action Plan: call for commitment proposals',
        opensAt: now,
        closesAt: addDays(now, 365),
        ...JOIN_RULES,
        routeToSuggestedAgency: true,
      });
      this.logger.log('created a call for proposals with Join’s rules (5,000 endorsements, 60 days, 60-day response)');
    }
    // A published password would open a production installation to anyone: there each account gets a random one,
    // shown once in this log and kept nowhere else.
    const randomPasswords = this.config.isProduction;
    const created: string[] = [];
    for (const a of DEMO_ACCOUNTS) {
      if (await this.ds.getRepository(User).existsBy({ emailCanonical: canonicalEmail(a.email) })) continue;
      const agency = a.agencyCode ? await this.agencies.findByCode(a.agencyCode) : null;
      const password = randomPasswords ? randomBytes(12).toString('base64url') : DEMO_PASSWORD;
      await this.accounts.createVerifiedAccount({
        email: a.email,
        password,
        displayName: a.displayName,
        roles: a.roles,
        agencyId: agency?.id ?? null,
      });
      created.push(`${a.email} (${['citizen', ...a.roles].join(', ')})${randomPasswords ? ` password "${password}"` : ''}`);
    }
    if (created.length) {
      this.logger.log(
        randomPasswords
          ? `demo accounts, each with a random password shown only now: ${created.join('; ')}`
          : `demo accounts, password "${DEMO_PASSWORD}": ${created.join('; ')}`,
      );
    }
    if ((await this.ds.getRepository(Proposal).count()) === 0) await this.loadDemoProposals();
  }

  /** Demo proposals through the real services, so their timelines, counts, mail and search index are genuine. */
  private async loadDemoProposals(): Promise<void> {
    const user = async (email: string) => {
      const u = await this.ds
        .getRepository(User)
        .findOneOrFail({ where: { emailCanonical: canonicalEmail(email) }, relations: { roles: true } });
      return { id: u.id, roles: u.roles.map((r) => r.role), agencyId: u.agencyId };
    };
    const [author, moderator, staff] = [await user('citizen@demo.test'), await user('moderator@demo.test'), await user('agency@demo.test')];
    const endorsers = [await user('endorser1@demo.test'), await user('endorser2@demo.test'), await user('endorser3@demo.test')];
    const now = this.clock.now();
    const call = await this.calls.create({ ...DEMO_CALL, opensAt: now, closesAt: addDays(now, 365) });
    const moenv = await this.agencies.findByCode('moenv');
    for (const { stage, content } of DEMO_PROPOSALS) {
      const { id } = await this.proposals.submit(author, call.id, { ...content, suggestedAgencyIds: moenv ? [moenv.id] : [] });
      if (stage === 'pending_review') continue;
      await this.proposals.review(moderator, id, { decision: 'publish' });
      const crowd = stage === 'endorsing' ? endorsers.slice(0, 1) : endorsers;
      for (const e of crowd) await this.endorsements.endorse(e.id, id);
      if (stage === 'endorsing') continue;
      // The worker would route it too; routing here makes the demo complete before the first request.
      await this.routing.route(id);
      if (stage === 'responded' || stage === 'decided') await this.responses.create(staff, id, DEMO_RESPONSE, {});
      if (stage === 'decided') await this.decideDemo(await user('taskforce@demo.test'), id);
    }
    this.logger.log(
      `created a demo call (threshold ${DEMO_CALL.endorsementThreshold}) with ${DEMO_PROPOSALS.length} proposals, one at each stage`,
    );
  }

  /** A balanced demo task force meets today and decides the proposal by vote, through the decisions context. */
  private async decideDemo(taskForce: { id: string; roles: string[] }, proposalId: string): Promise<void> {
    const today = taipeiToday(this.clock.now());
    const attendeeIds: string[] = [];
    for (const m of DEMO_TASK_FORCE) {
      const agency = 'agencyCode' in m ? await this.agencies.findByCode(m.agencyCode) : null;
      const member = await this.members.create(taskForce, {
        name: m.name,
        side: m.side,
        role: m.role,
        agencyId: agency?.id ?? null,
        since: today,
      });
      attendeeIds.push(member.id);
    }
    const meeting = await this.meetings.create(taskForce, {
      number: 1,
      heldOn: today,
      titleZh: '示範推動小組第 1 次會議',
      titleEn: 'Demo task force, meeting No. 1',
      attendeeIds,
      agendaProposalIds: [proposalId],
    });
    await this.decisions.decide(taskForce, proposalId, { meetingId: meeting.id, ...DEMO_DECISION });
    this.logger.log('created a demo task force (3 government, 3 civil-society members), its first meeting and a decision by vote');
  }
}
