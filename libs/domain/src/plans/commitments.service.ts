import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, In } from 'typeorm';
import { Clock } from '#config';
import { Agency } from '../agencies/index.js';
import { Decision, isAdoptingDecision } from '../decisions/index.js';
import { lockProposal, recordEvent } from '../proposals/index.js';
import { type Actor, ConflictError, NotFoundError, RuleViolationError, isDuplicateKeyError } from '../shared/index.js';
import type { CommitmentDocument } from './plan-document.js';
import { type CommitmentView, commitmentView, loadCommitmentParts } from './plan-tree.js';
import { insertCommitment } from './plan-writer.js';
import { Commitment, type CommitmentOrigin, Plan, type StakeholderLists } from './plan.entities.js';
import { assertCanEditPlans } from './plans.policy.js';

type Answers<K extends string> = Partial<Record<K, string | null>>;

/** A commitment as the task force writes it (POST /plans/{id}/commitments): the contract's fields plus the template's. */
export interface NewCommitment {
  proposalId?: string | null;
  code: string;
  titleZh: string;
  titleEn?: string | null;
  /** Required unless made from a proposal (then `civil_society`). */
  origin?: CommitmentOrigin | null;
  originZh?: string | null;
  originEn?: string | null;
  leadAgencyIds: string[];
  coAgencyIds?: string[];
  areaZh?: string | null;
  areaEn?: string | null;
  summaryZh?: string | null;
  stakeholders?: StakeholderLists | null;
  periodStart?: string | null;
  periodEnd?: string | null;
  problemZh?: string | null;
  problemEn?: string | null;
  problemFullZh?: string | null;
  problemCauseZh?: string | null;
  description?: Answers<
    | 'measuresSoFar'
    | 'proposedSolution'
    | 'expectedResults'
    | 'publicProblem'
    | 'commitmentDescription'
    | 'contribution'
    | 'ogpValuesRelevance'
  > | null;
  analysis?: Answers<'transparency' | 'accountability' | 'participation'> | null;
  otherInformationZh?: string | null;
  contact?: Answers<'name' | 'titleDept' | 'jobTitleZh' | 'departmentZh' | 'email' | 'phone'> | null;
  participantsGovernmentZh?: string[] | null;
  participantsCivilZh?: string[] | null;
  noteEn?: string | null;
  milestones: {
    titleZh: string;
    titleEn?: string | null;
    expectedOutput: string;
    start?: string | null;
    due: string;
    stakeholders?: StakeholderLists | null;
    stakeholdersAsWrittenZh?: string | null;
  }[];
}

const DESCRIPTION_KEYS = [
  'measuresSoFar',
  'proposedSolution',
  'expectedResults',
  'publicProblem',
  'commitmentDescription',
  'contribution',
  'ogpValuesRelevance',
] as const;

/** Commitments the task force adds to a plan, from an adopted proposal or not; reading one commitment. */
@Injectable()
export class CommitmentsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly clock: Clock,
  ) {}

  async get(id: string): Promise<CommitmentView> {
    const c = await this.ds.getRepository(Commitment).findOneBy({ id });
    if (!c) throw new NotFoundError('commitment', id);
    return this.view(this.ds.manager, c);
  }

  /**
   * 201 the commitment. From a proposal only if its decision adopts it (adopted, or conditionally adopted and not
   * concluded as not adopted), and only once per proposal; the proposal's timeline records it.
   */
  async create(actor: Actor, planId: string, input: NewCommitment): Promise<CommitmentView> {
    assertCanEditPlans(actor);
    const proposalId = input.proposalId ?? null;
    const origin = input.origin ?? (proposalId ? 'civil_society' : null);
    if (!origin) throw new RuleViolationError('origin is required for a commitment not made from a proposal');
    if (proposalId && origin !== 'civil_society') {
      throw new RuleViolationError('a commitment made from a proposal has origin civil_society');
    }
    // Compared by id, before any write: a repeated agency would otherwise reach the primary key of commitment_agencies.
    const leadIds = new Set(input.leadAgencyIds);
    const coIds = new Set(input.coAgencyIds ?? []);
    if (leadIds.size !== input.leadAgencyIds.length || coIds.size !== (input.coAgencyIds ?? []).length)
      throw new RuleViolationError('an agency is listed once: leadAgencyIds or coAgencyIds names an agency twice');
    if ([...coIds].some((id) => leadIds.has(id))) throw new RuleViolationError('an agency is either lead or co-agency, not both');
    try {
      const id = await this.ds.transaction(async (em) => {
        // Lock order: the proposal first, as everywhere else (its decision cannot change under us).
        if (proposalId) await this.assertAdoptable(em, proposalId);
        const plan = await em.findOne(Plan, { where: { id: planId }, lock: { mode: 'pessimistic_write' } });
        if (!plan) throw new NotFoundError('plan', planId);
        if (await em.existsBy(Commitment, { planId, code: input.code })) {
          throw new ConflictError(`this plan already has a commitment with code "${input.code}"`);
        }
        const leads = await this.agencies(em, input.leadAgencyIds);
        const cos = await this.agencies(em, input.coAgencyIds ?? []);
        const now = this.clock.now();
        const position = (await em.countBy(Commitment, { planId })) as number;
        const doc = toDocument(input, origin, leads, cos);
        const commitmentId = await insertCommitment(em, {
          planId,
          position,
          proposalId,
          doc,
          agencyIds: new Map([...leads, ...cos].map((a) => [a.code, a.id])),
          now,
        });
        await em.update(Plan, { id: planId }, { updatedAt: now });
        if (proposalId) {
          await recordEvent(
            em,
            now,
            proposalId,
            'commitment_created',
            { id: actor.id, role: 'task_force' },
            {
              commitmentId,
              planId,
              planCode: plan.code,
              code: input.code,
            },
          );
        }
        return commitmentId;
      });
      return this.get(id);
    } catch (err) {
      if (isDuplicateKeyError(err)) throw new ConflictError('this proposal already has a commitment (or the code is taken)');
      throw err;
    }
  }

  private async assertAdoptable(em: EntityManager, proposalId: string): Promise<void> {
    const p = await lockProposal(em, proposalId);
    if (!p) throw new NotFoundError('proposal', proposalId);
    const decision = await em.findOneBy(Decision, { proposalId });
    if (!decision || !isAdoptingDecision(decision)) {
      throw new RuleViolationError(
        'commitment_requires_adoption: a commitment is made only from a proposal the task force adopted (or conditionally adopted, not concluded as not adopted)',
      );
    }
    if (await em.existsBy(Commitment, { proposalId })) throw new ConflictError('this proposal already has a commitment');
  }

  private async agencies(em: EntityManager, ids: string[]): Promise<Agency[]> {
    if (!ids.length) return [];
    const found = await em.find(Agency, { where: { id: In(ids) } });
    const missing = ids.filter((id) => !found.some((a) => a.id === id));
    if (missing.length) throw new RuleViolationError(`unknown agency: ${missing.join(', ')}`);
    return ids.map((id) => found.find((a) => a.id === id)!);
  }

  private async view(em: EntityManager, c: Commitment): Promise<CommitmentView> {
    return commitmentView(c, await loadCommitmentParts(em, [c]));
  }
}

const orNull = <T>(v: T | null | undefined): T | null => (v === undefined || v === '' ? null : v);

function toDocument(input: NewCommitment, origin: CommitmentOrigin, leads: Agency[], cos: Agency[]): CommitmentDocument {
  const asWritten = (list: Agency[]) => list.map((a) => ({ nameZh: a.nameZh, code: a.code }));
  const d = input.description;
  const a = input.analysis;
  const k = input.contact;
  return {
    code: input.code,
    ordinalZh: null,
    areaZh: orNull(input.areaZh),
    areaEn: orNull(input.areaEn),
    titleZh: input.titleZh,
    titleEn: orNull(input.titleEn),
    summaryZh: orNull(input.summaryZh),
    origin,
    originTypes: [origin],
    originZh: orNull(input.originZh),
    originEn: orNull(input.originEn),
    leadAgencyAsWrittenZh: leads.map((x) => x.nameZh).join('、') || null,
    leadAgencyAsWrittenEn: leads.map((x) => x.nameEn).join('; ') || null,
    leadCoAsWrittenZh: null,
    leadAgencies: asWritten(leads),
    coAgencies: asWritten(cos),
    stakeholders: input.stakeholders ?? null,
    stakeholdersAsWrittenZh: null,
    stakeholdersOtherAsWrittenZh: null,
    periodStart: orNull(input.periodStart),
    periodEnd: orNull(input.periodEnd),
    periodAsWrittenZh: null,
    problemZh: orNull(input.problemZh),
    problemEn: orNull(input.problemEn),
    problemFullZh: orNull(input.problemFullZh),
    problemCauseZh: orNull(input.problemCauseZh),
    descriptionZh: d
      ? (Object.fromEntries(DESCRIPTION_KEYS.map((key) => [key, orNull(d[key])])) as CommitmentDocument['descriptionZh'])
      : null,
    analysisZh: a
      ? { transparency: orNull(a.transparency), accountability: orNull(a.accountability), participation: orNull(a.participation) }
      : null,
    otherInformationZh: orNull(input.otherInformationZh),
    resultsSummaryZh: null,
    resultsSummaryTruncated: null,
    resultsFullZh: null,
    contact: k
      ? {
          name: orNull(k.name),
          titleDept: orNull(k.titleDept),
          jobTitleZh: orNull(k.jobTitleZh),
          departmentZh: orNull(k.departmentZh),
          email: orNull(k.email),
          phone: orNull(k.phone),
          emailPhoneAsWrittenZh: null,
        }
      : null,
    participantsGovernmentZh: input.participantsGovernmentZh ?? null,
    participantsCivilZh: input.participantsCivilZh ?? null,
    noteEn: orNull(input.noteEn),
    milestones: input.milestones.map((m) => ({
      titleZh: m.titleZh,
      titleEn: orNull(m.titleEn),
      expectedOutputZh: orNull(m.expectedOutput),
      start: orNull(m.start),
      due: m.due,
      stakeholdersAsWrittenZh: orNull(m.stakeholdersAsWrittenZh),
      stakeholders: m.stakeholders ?? null,
      stakeholdersFromMergedCell: false,
      layoutNoteEn: null,
      progress: [],
    })),
  };
}
