import type { EntityManager } from 'typeorm';
import { newId } from '#database';
import type { CommitmentDocument, PlanDocument } from './plan-document.js';
import { Commitment, CommitmentAgency, Milestone, MilestoneProgress, MilestoneProgressReport, Plan } from './plan.entities.js';

/** Writes plan documents (or parts) inside the caller's transaction. Agencies are resolved by the caller (code → id). */

export async function insertPlan(em: EntityManager, doc: Omit<PlanDocument, 'commitments' | 'formatVersion'>, now: Date): Promise<string> {
  const id = newId();
  await em.insert(Plan, {
    id,
    code: doc.code,
    titleZh: doc.titleZh,
    titleEn: doc.titleEn,
    periodStart: doc.periodStart,
    periodEnd: doc.periodEnd,
    status: doc.status,
    statusZh: doc.statusZh,
    documentDate: doc.documentDate,
    documentDateAsWrittenZh: doc.documentDateAsWrittenZh,
    reportTitleZh: doc.report?.titleZh ?? null,
    reportTitleEn: doc.report?.titleEn ?? null,
    reportYear: doc.report?.year ?? null,
    areas: doc.areas,
    areasSourceZh: doc.areasSourceZh,
    taskForceZh: doc.taskForce?.nameZh ?? null,
    taskForceEn: doc.taskForce?.nameEn ?? null,
    taskForceCompositionZh: doc.taskForce?.compositionZh ?? null,
    taskForceCompositionEn: doc.taskForce?.compositionEn ?? null,
    coCreationProcess: doc.coCreationProcess,
    coCreationFacts: doc.coCreationFacts,
    originCounts: doc.originCounts,
    sheetQuestionsZh: doc.sheetQuestionsZh,
    descriptionQuestionsZh: doc.descriptionQuestionsZh,
    progressScale: doc.progressScale,
    draftCommitmentList: doc.draftCommitmentList,
    sourceSeed: doc.sourceSeed,
    notesEn: doc.notesEn,
    createdAt: now,
    updatedAt: now,
  } satisfies Plan as never);
  return id;
}

export interface CommitmentWrite {
  planId: string;
  position: number;
  proposalId: string | null;
  doc: CommitmentDocument;
  /** Agency code → id, for every code the document names. */
  agencyIds: ReadonlyMap<string, string>;
  now: Date;
}

/** A commitment with its agency links, milestones and their progress reports (each also the first of its history). */
export async function insertCommitment(em: EntityManager, w: CommitmentWrite): Promise<string> {
  const { doc: c, now } = w;
  const id = newId();
  await em.insert(Commitment, {
    id,
    planId: w.planId,
    proposalId: w.proposalId,
    code: c.code,
    position: w.position,
    origin: c.origin,
    originTypes: c.originTypes,
    originZh: c.originZh,
    originEn: c.originEn,
    ordinalZh: c.ordinalZh,
    areaZh: c.areaZh,
    areaEn: c.areaEn,
    titleZh: c.titleZh,
    titleEn: c.titleEn,
    summaryZh: c.summaryZh,
    leadCoAsWrittenZh: c.leadCoAsWrittenZh,
    leadAgencyAsWrittenZh: c.leadAgencyAsWrittenZh,
    leadAgencyAsWrittenEn: c.leadAgencyAsWrittenEn,
    leadAgencies: c.leadAgencies,
    coAgencies: c.coAgencies,
    stakeholders: c.stakeholders,
    stakeholdersAsWrittenZh: c.stakeholdersAsWrittenZh,
    stakeholdersOtherAsWrittenZh: c.stakeholdersOtherAsWrittenZh,
    periodStart: c.periodStart,
    periodEnd: c.periodEnd,
    periodAsWrittenZh: c.periodAsWrittenZh,
    problemZh: c.problemZh,
    problemEn: c.problemEn,
    problemFullZh: c.problemFullZh,
    problemCauseZh: c.problemCauseZh,
    descriptionZh: c.descriptionZh,
    analysisZh: c.analysisZh,
    otherInformationZh: c.otherInformationZh,
    resultsSummaryZh: c.resultsSummaryZh,
    resultsSummaryTruncated: c.resultsSummaryTruncated,
    resultsFullZh: c.resultsFullZh,
    contactName: c.contact?.name ?? null,
    contactTitleDept: c.contact?.titleDept ?? null,
    contactJobTitleZh: c.contact?.jobTitleZh ?? null,
    contactDepartmentZh: c.contact?.departmentZh ?? null,
    contactEmail: c.contact?.email ?? null,
    contactPhone: c.contact?.phone ?? null,
    contactEmailPhoneAsWrittenZh: c.contact?.emailPhoneAsWrittenZh ?? null,
    participantsGovernmentZh: c.participantsGovernmentZh,
    participantsCivilZh: c.participantsCivilZh,
    noteEn: c.noteEn,
    createdAt: now,
    updatedAt: now,
  } satisfies Commitment as never);

  const links: CommitmentAgency[] = [];
  for (const [role, list] of [
    ['lead', c.leadAgencies],
    ['co', c.coAgencies],
  ] as const) {
    list.forEach((a, position) => {
      const agencyId = a.code ? w.agencyIds.get(a.code) : undefined;
      if (agencyId) links.push({ commitmentId: id, agencyId, role, position });
    });
  }
  if (links.length) await em.insert(CommitmentAgency, links as never);

  const milestones: Milestone[] = [];
  const reports: MilestoneProgress[] = [];
  c.milestones.forEach((m, position) => {
    const milestoneId = newId();
    milestones.push({
      id: milestoneId,
      commitmentId: id,
      position,
      titleZh: m.titleZh,
      titleEn: m.titleEn,
      expectedOutputZh: m.expectedOutputZh,
      starts: m.start,
      due: m.due,
      stakeholdersAsWrittenZh: m.stakeholdersAsWrittenZh,
      stakeholders: m.stakeholders,
      stakeholdersFromMergedCell: m.stakeholdersFromMergedCell,
      layoutNoteEn: m.layoutNoteEn,
      createdAt: now,
      updatedAt: now,
    });
    for (const p of m.progress) {
      reports.push({
        id: newId(),
        milestoneId,
        year: p.year,
        status: p.status,
        complete: p.complete,
        narrative: p.narrativeZh,
        narrativeEn: p.narrativeEn,
        evidenceUrls: p.evidenceUrls.length ? p.evidenceUrls : null,
        uncertain: p.uncertain,
        agencyId: p.agencyCode ? (w.agencyIds.get(p.agencyCode) ?? null) : null,
        reportedBy: null,
        createdAt: now,
        updatedAt: now,
      });
    }
  });
  if (milestones.length) await em.insert(Milestone, milestones as never);
  if (reports.length) {
    await em.insert(MilestoneProgress, reports as never);
    await em.insert(
      MilestoneProgressReport,
      reports.map(({ createdAt, updatedAt: _u, milestone: _m, ...r }) => ({ ...r, reportedAt: createdAt })) as never,
    );
  }
  return id;
}
