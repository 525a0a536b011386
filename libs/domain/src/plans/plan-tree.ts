import { type EntityManager, In } from 'typeorm';
import { Agency } from '../agencies/index.js';
import { isoOrNull } from '../shared/index.js';
import {
  type CommitmentDocument,
  type MilestoneDocument,
  PLAN_FORMAT_VERSION,
  type PlanDocument,
  type ProgressDocument,
  planDocumentSchema,
} from './plan-document.js';
import { Commitment, CommitmentAgency, Milestone, MilestoneProgress, Plan } from './plan.entities.js';
import { type Completion, completionOf } from './progress-scale.js';

/** A plan with everything under it, loaded with one query per table. */
export interface PlanTree {
  plan: Plan;
  commitments: Commitment[];
  links: CommitmentAgency[];
  milestones: Milestone[];
  progress: MilestoneProgress[];
  agencyCodes: Map<string, string>;
}

export async function loadPlanTrees(em: EntityManager, plans: Plan[]): Promise<PlanTree[]> {
  if (!plans.length) return [];
  const commitments = await em.find(Commitment, { where: { planId: In(plans.map((p) => p.id)) }, order: { position: 'ASC' } });
  const parts = await loadCommitmentParts(em, commitments);
  return plans.map((plan) => {
    const cs = commitments.filter((c) => c.planId === plan.id);
    const ids = new Set(cs.map((c) => c.id));
    const ms = parts.milestones.filter((m) => ids.has(m.commitmentId));
    const mids = new Set(ms.map((m) => m.id));
    return {
      plan,
      commitments: cs,
      links: parts.links.filter((l) => ids.has(l.commitmentId)),
      milestones: ms,
      progress: parts.progress.filter((p) => mids.has(p.milestoneId)),
      agencyCodes: parts.agencyCodes,
    };
  });
}

/** What hangs off some commitments: agency links, milestones, current progress, and the codes of the agencies named. */
export async function loadCommitmentParts(em: EntityManager, commitments: Commitment[]): Promise<Omit<PlanTree, 'plan' | 'commitments'>> {
  const cIds = commitments.map((c) => c.id);
  const [links, milestones] = cIds.length
    ? await Promise.all([
        em.find(CommitmentAgency, { where: { commitmentId: In(cIds) }, order: { position: 'ASC' } }),
        em.find(Milestone, { where: { commitmentId: In(cIds) }, order: { position: 'ASC' } }),
      ])
    : [[], []];
  const mIds = milestones.map((m) => m.id);
  const progress = mIds.length ? await em.find(MilestoneProgress, { where: { milestoneId: In(mIds) }, order: { year: 'ASC' } }) : [];
  const agencyIds = [...new Set([...links.map((l) => l.agencyId), ...progress.flatMap((p) => (p.agencyId ? [p.agencyId] : []))])];
  const agencies = agencyIds.length ? await em.find(Agency, { where: { id: In(agencyIds) }, select: { id: true, code: true } }) : [];
  return { links, milestones, progress, agencyCodes: new Map(agencies.map((a) => [a.id, a.code])) };
}

export interface ProgressView {
  year: number;
  status: MilestoneProgress['status'];
  complete: boolean;
  /** On the independent reviewers' scale (completionOf). */
  completion: Completion;
  narrative: string | null;
  narrativeEn: string | null;
  evidenceUrls: string[];
  uncertain: boolean;
  agencyId: string | null;
  reportedAt: string | null;
}

export function progressView(p: MilestoneProgress): ProgressView {
  return {
    year: p.year,
    status: p.status,
    complete: p.complete,
    completion: completionOf(p.status, p.complete),
    narrative: p.narrative,
    narrativeEn: p.narrativeEn,
    evidenceUrls: p.evidenceUrls ?? [],
    uncertain: p.uncertain,
    agencyId: p.agencyId,
    reportedAt: isoOrNull(p.updatedAt),
  };
}

function progressDocument(p: MilestoneProgress, codes: Map<string, string>): ProgressDocument {
  return {
    year: p.year,
    status: p.status,
    complete: p.complete,
    narrativeZh: p.narrative,
    narrativeEn: p.narrativeEn,
    evidenceUrls: p.evidenceUrls ?? [],
    uncertain: p.uncertain,
    agencyCode: p.agencyId ? (codes.get(p.agencyId) ?? null) : null,
  };
}

function milestoneDocument(m: Milestone, progress: MilestoneProgress[], codes: Map<string, string>): MilestoneDocument {
  return {
    titleZh: m.titleZh,
    titleEn: m.titleEn,
    expectedOutputZh: m.expectedOutputZh,
    start: m.starts,
    due: m.due,
    stakeholdersAsWrittenZh: m.stakeholdersAsWrittenZh,
    stakeholders: m.stakeholders,
    stakeholdersFromMergedCell: m.stakeholdersFromMergedCell,
    layoutNoteEn: m.layoutNoteEn,
    progress: progress.map((p) => progressDocument(p, codes)),
  };
}

function commitmentDocument(c: Commitment, milestones: MilestoneDocument[]): CommitmentDocument {
  const contact = [c.contactName, c.contactTitleDept, c.contactJobTitleZh, c.contactDepartmentZh, c.contactEmail, c.contactPhone].some(
    (x) => x !== null,
  );
  return {
    code: c.code,
    ordinalZh: c.ordinalZh,
    areaZh: c.areaZh,
    areaEn: c.areaEn,
    titleZh: c.titleZh,
    titleEn: c.titleEn,
    summaryZh: c.summaryZh,
    origin: c.origin,
    originTypes: c.originTypes ?? [],
    originZh: c.originZh,
    originEn: c.originEn,
    leadAgencyAsWrittenZh: c.leadAgencyAsWrittenZh,
    leadAgencyAsWrittenEn: c.leadAgencyAsWrittenEn,
    leadCoAsWrittenZh: c.leadCoAsWrittenZh,
    leadAgencies: c.leadAgencies ?? [],
    coAgencies: c.coAgencies ?? [],
    stakeholders: c.stakeholders,
    stakeholdersAsWrittenZh: c.stakeholdersAsWrittenZh as CommitmentDocument['stakeholdersAsWrittenZh'],
    stakeholdersOtherAsWrittenZh: c.stakeholdersOtherAsWrittenZh,
    periodStart: c.periodStart,
    periodEnd: c.periodEnd,
    periodAsWrittenZh: c.periodAsWrittenZh,
    problemZh: c.problemZh,
    problemEn: c.problemEn,
    problemFullZh: c.problemFullZh,
    problemCauseZh: c.problemCauseZh,
    descriptionZh: c.descriptionZh as CommitmentDocument['descriptionZh'],
    analysisZh: c.analysisZh as CommitmentDocument['analysisZh'],
    otherInformationZh: c.otherInformationZh,
    resultsSummaryZh: c.resultsSummaryZh,
    resultsSummaryTruncated: c.resultsSummaryTruncated,
    resultsFullZh: c.resultsFullZh,
    contact:
      contact || c.contactEmailPhoneAsWrittenZh !== null
        ? {
            name: c.contactName,
            titleDept: c.contactTitleDept,
            jobTitleZh: c.contactJobTitleZh,
            departmentZh: c.contactDepartmentZh,
            email: c.contactEmail,
            phone: c.contactPhone,
            emailPhoneAsWrittenZh: c.contactEmailPhoneAsWrittenZh,
          }
        : null,
    participantsGovernmentZh: c.participantsGovernmentZh,
    participantsCivilZh: c.participantsCivilZh,
    noteEn: c.noteEn,
    milestones,
  };
}

type PlanFields = Omit<PlanDocument, 'commitments' | 'formatVersion'>;

function planFields(p: Plan): PlanFields {
  return {
    code: p.code,
    titleZh: p.titleZh,
    titleEn: p.titleEn,
    status: p.status,
    statusZh: p.statusZh,
    periodStart: p.periodStart,
    periodEnd: p.periodEnd,
    documentDate: p.documentDate,
    documentDateAsWrittenZh: p.documentDateAsWrittenZh,
    report:
      p.reportTitleZh !== null || p.reportTitleEn !== null || p.reportYear !== null
        ? { titleZh: p.reportTitleZh, titleEn: p.reportTitleEn, year: p.reportYear }
        : null,
    areas: (p.areas ?? []) as PlanDocument['areas'],
    areasSourceZh: p.areasSourceZh,
    taskForce:
      p.taskForceZh !== null || p.taskForceEn !== null || p.taskForceCompositionZh !== null || p.taskForceCompositionEn !== null
        ? { nameZh: p.taskForceZh, nameEn: p.taskForceEn, compositionZh: p.taskForceCompositionZh, compositionEn: p.taskForceCompositionEn }
        : null,
    coCreationProcess: (p.coCreationProcess ?? []) as PlanDocument['coCreationProcess'],
    coCreationFacts: p.coCreationFacts,
    originCounts: p.originCounts,
    sheetQuestionsZh: p.sheetQuestionsZh as PlanDocument['sheetQuestionsZh'],
    descriptionQuestionsZh: p.descriptionQuestionsZh as PlanDocument['descriptionQuestionsZh'],
    progressScale: (p.progressScale ?? []) as PlanDocument['progressScale'],
    draftCommitmentList: p.draftCommitmentList as PlanDocument['draftCommitmentList'],
    sourceSeed: p.sourceSeed,
    notesEn: p.notesEn ?? [],
  };
}

/**
 * The plan document of a plan. It is passed through the importer's own schema, which fills every optional key the
 * stored JSON blocks may lack, so what is exported is what the importer reads, key for key.
 */
export function planDocument(t: PlanTree): PlanDocument {
  const doc: PlanDocument = {
    formatVersion: PLAN_FORMAT_VERSION,
    ...planFields(t.plan),
    commitments: t.commitments.map((c) =>
      commitmentDocument(
        c,
        t.milestones
          .filter((m) => m.commitmentId === c.id)
          .map((m) =>
            milestoneDocument(
              m,
              t.progress.filter((p) => p.milestoneId === m.id),
              t.agencyCodes,
            ),
          ),
      ),
    ),
  };
  const normalised = planDocumentSchema.safeParse(doc);
  return normalised.success ? normalised.data : doc;
}

/** The public view of a plan: the document's fields with ids, agency ids and each milestone's latest progress. */
export function planView(t: PlanTree) {
  return {
    id: t.plan.id,
    ...planFields(t.plan),
    createdAt: t.plan.createdAt.toISOString(),
    updatedAt: t.plan.updatedAt.toISOString(),
    commitments: t.commitments.map((c) => commitmentView(c, t)),
  };
}

export function commitmentView(c: Commitment, t: Pick<PlanTree, 'links' | 'milestones' | 'progress' | 'agencyCodes'>) {
  const ms = t.milestones.filter((m) => m.commitmentId === c.id);
  const agencyIds = (role: 'lead' | 'co') => t.links.filter((l) => l.commitmentId === c.id && l.role === role).map((l) => l.agencyId);
  const { milestones: _m, ...fields } = commitmentDocument(c, []);
  return {
    id: c.id,
    planId: c.planId,
    proposalId: c.proposalId,
    ...fields,
    leadAgencyIds: agencyIds('lead'),
    coAgencyIds: agencyIds('co'),
    milestones: ms.map((m) => {
      const reports = t.progress.filter((p) => p.milestoneId === m.id);
      const { progress: _p, ...mf } = milestoneDocument(m, [], t.agencyCodes);
      return {
        id: m.id,
        ...mf,
        expectedOutput: m.expectedOutputZh,
        progress: reports.map(progressView),
        latestProgress: reports.length ? progressView(reports[reports.length - 1]!) : null,
      };
    }),
  };
}

export type PlanView = ReturnType<typeof planView>;
export type CommitmentView = ReturnType<typeof commitmentView>;
