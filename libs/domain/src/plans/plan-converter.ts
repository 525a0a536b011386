import { readDataFile } from '#database';
import { PLAN_FORMAT_VERSION, type PlanDocumentInput } from './plan-document.js';
import type { CommitmentOrigin, ProgressStatus } from './plan.entities.js';

/**
 * Converts the two real plans shipped in data/ (their snake_case shapes, documented in data/README.md) into plan
 * documents. The 2021–2024 indicators carry their 2023 marks as progress reports for the report year.
 * Counts (`commitment_count`, `milestone_count`, …) are not carried: they are derived from the lists.
 */

type Text = string | null | undefined;
interface DataStakeholders {
  government_zh: string[];
  civil_society_zh: string[];
  other_zh: string[];
}

export interface Plan2025File {
  source_seed: string;
  notes_en: string[];
  plan: {
    title_zh: string;
    title_en: string;
    status_zh: string;
    status_en: string;
    document_date: string;
    documentDateAsWrittenZh: string;
    period_start: string;
    period_end: string;
    ogp_challenge_areas: { area_zh: string; area_en: string }[];
    ogp_challenge_areas_source_zh: string;
    task_force_zh: string;
    task_force_en: string;
    task_force_composition_zh: string;
    task_force_composition_en: string;
    sheetQuestionsZh: Record<string, Record<string, string>>;
  };
  co_creation_process: {
    step: string;
    phase_zh: string;
    phase_en: string;
    sub_phase_zh?: string;
    sub_phase_en?: string;
    description_zh: string;
    description_en: string;
    start: string;
    end: string;
  }[];
  co_creation_facts: Record<string, unknown>;
  commitments: {
    code: string;
    ordinal_zh: string;
    area_zh: string;
    area_en: string;
    title_zh: string;
    title_en: string;
    summary_zh: string;
    lead_agency_zh: string;
    lead_agency_en: string;
    lead_agency_ids: string[];
    stakeholders: DataStakeholders;
    stakeholdersAsWrittenZh: { government: Text; civilSociety: Text; other: Text };
    stakeholders_other_as_written_zh?: string;
    period_start: string;
    period_end: string;
    periodAsWrittenZh: string;
    origin_zh: string;
    origin_en: string;
    origin_types: CommitmentOrigin[];
    problem_zh: string;
    problem_en: string;
    problem_full_zh: string;
    problem_cause_zh: string;
    descriptionZh: { measuresSoFar: string; proposedSolution: string; expectedResults: string };
    analysis_zh: { transparency: string; accountability: string; participation: string };
    milestones: {
      title_zh: string;
      title_en: string;
      expected_output_zh: string;
      due: string;
      stakeholders_zh: string;
      stakeholders: DataStakeholders;
      stakeholders_from_merged_cell?: boolean;
    }[];
  }[];
}

export interface Plan2021File {
  source_seed: string;
  notes_en: string[];
  plan: {
    title_zh: string;
    title_en: string;
    period_start: string;
    period_end: string;
    report_title_zh: string;
    report_title_en: string;
    report_year: number;
    origin_counts: Record<string, unknown>;
    descriptionQuestionsZh: Record<string, string>;
  };
  areas: { prefix: string; area_zh: string; area_en: string }[];
  area_name_variants_zh: Record<string, string[]>;
  progress_scale: { value: ProgressStatus; label_zh: string; label_en: string }[];
  commitments: {
    code: string;
    area_zh: string;
    area_en: string;
    title_zh: string;
    title_en: string;
    period_start: string;
    period_end: string;
    periodAsWrittenZh: string;
    lead_co_as_written_zh: string;
    lead_agencies_zh: string[];
    co_agencies_zh: string[];
    lead_agency_ids: (string | null)[];
    co_agency_ids: (string | null)[];
    descriptionZh: { publicProblem: string; commitmentDescription: string; contribution: string; ogpValuesRelevance: string };
    otherInformationZh: string;
    indicators: {
      title_zh: string;
      start: string;
      end: string;
      progress: ProgressStatus;
      progress_uncertain: boolean;
      layout_note_en?: string;
    }[];
    results_summary_zh: string;
    results_summary_truncated: boolean;
    resultsFullZh: string;
    contact: {
      name: string;
      title_dept: string;
      job_title_zh: string;
      department_zh: string;
      email: string;
      phone: string | null;
      emailPhoneAsWrittenZh: string;
    };
    participants_government_zh: string[];
    participants_civil_zh: string[];
    note_en?: string;
  }[];
  draft_commitment_list_2020: {
    source_seed: string;
    title_zh: string;
    note_en: string;
    items: { no: number; title_zh: string; lead_agency_zh: string; area_zh: string; area_en: string; maps_to_code: string }[];
  };
}

/** The codes the demo data gives the two real plans. */
export const REAL_PLAN_CODES = { plan2025: 'tw-nap-2025-2028', plan2021: 'tw-nap-2021-2024' } as const;

const orNull = (v: Text): string | null => (v === undefined || v === null || v === '' ? null : v);

const stakeholders = (s: DataStakeholders | undefined) =>
  s ? { governmentZh: s.government_zh, civilSocietyZh: s.civil_society_zh, otherZh: s.other_zh } : null;

/** snake_case keys to camelCase, recursively (the free-form facts and counts). */
function camelKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(camelKeys);
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.entries(v).map(([k, x]) => [k.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase()), camelKeys(x)]),
    );
  return v;
}

/** The primary origin of a commitment: a civil proposal first, then the others in the data's order. */
function primaryOrigin(types: CommitmentOrigin[]): CommitmentOrigin | null {
  return types.includes('civil_society') ? 'civil_society' : (types[0] ?? null);
}

export function convertPlan2025(f: Plan2025File, code: string = REAL_PLAN_CODES.plan2025): PlanDocumentInput {
  const p = f.plan;
  return {
    formatVersion: PLAN_FORMAT_VERSION,
    code,
    titleZh: p.title_zh,
    titleEn: p.title_en,
    status: p.status_en === 'draft' ? 'draft' : 'final',
    statusZh: p.status_zh,
    periodStart: p.period_start,
    periodEnd: p.period_end,
    documentDate: p.document_date,
    documentDateAsWrittenZh: p.documentDateAsWrittenZh,
    report: null,
    areas: p.ogp_challenge_areas.map((a) => ({ prefix: null, areaZh: a.area_zh, areaEn: a.area_en, variantsZh: [] })),
    areasSourceZh: p.ogp_challenge_areas_source_zh,
    taskForce: {
      nameZh: p.task_force_zh,
      nameEn: p.task_force_en,
      compositionZh: p.task_force_composition_zh,
      compositionEn: p.task_force_composition_en,
    },
    coCreationProcess: f.co_creation_process.map((s) => ({
      step: s.step,
      phaseZh: s.phase_zh,
      phaseEn: s.phase_en,
      subPhaseZh: orNull(s.sub_phase_zh),
      subPhaseEn: orNull(s.sub_phase_en),
      descriptionZh: s.description_zh,
      descriptionEn: s.description_en,
      start: s.start,
      end: s.end,
    })),
    coCreationFacts: camelKeys(f.co_creation_facts) as Record<string, unknown>,
    originCounts: null,
    sheetQuestionsZh: p.sheetQuestionsZh,
    descriptionQuestionsZh: null,
    progressScale: [],
    draftCommitmentList: null,
    sourceSeed: f.source_seed,
    notesEn: f.notes_en,
    commitments: f.commitments.map((c) => ({
      code: c.code,
      ordinalZh: c.ordinal_zh,
      areaZh: c.area_zh,
      areaEn: c.area_en,
      titleZh: c.title_zh,
      titleEn: c.title_en,
      summaryZh: c.summary_zh,
      origin: primaryOrigin(c.origin_types),
      originTypes: c.origin_types,
      originZh: c.origin_zh,
      originEn: c.origin_en,
      leadAgencyAsWrittenZh: c.lead_agency_zh,
      leadAgencyAsWrittenEn: c.lead_agency_en,
      leadCoAsWrittenZh: null,
      // The 2025 sheet names the lead in one cell; the ids resolve it (two bodies for commitment 7).
      leadAgencies: c.lead_agency_ids.map((id) => ({ nameZh: null, code: id })),
      coAgencies: [],
      stakeholders: stakeholders(c.stakeholders),
      stakeholdersAsWrittenZh: {
        government: orNull(c.stakeholdersAsWrittenZh.government),
        civilSociety: orNull(c.stakeholdersAsWrittenZh.civilSociety),
        other: orNull(c.stakeholdersAsWrittenZh.other),
      },
      stakeholdersOtherAsWrittenZh: orNull(c.stakeholders_other_as_written_zh),
      periodStart: c.period_start,
      periodEnd: c.period_end,
      periodAsWrittenZh: c.periodAsWrittenZh,
      problemZh: c.problem_zh,
      problemEn: c.problem_en,
      problemFullZh: c.problem_full_zh,
      problemCauseZh: c.problem_cause_zh,
      descriptionZh: { ...c.descriptionZh },
      analysisZh: { ...c.analysis_zh },
      otherInformationZh: null,
      resultsSummaryZh: null,
      resultsSummaryTruncated: null,
      resultsFullZh: null,
      contact: null,
      participantsGovernmentZh: null,
      participantsCivilZh: null,
      noteEn: null,
      milestones: c.milestones.map((m) => ({
        titleZh: m.title_zh,
        titleEn: m.title_en,
        expectedOutputZh: m.expected_output_zh,
        start: null,
        due: m.due,
        stakeholdersAsWrittenZh: m.stakeholders_zh,
        stakeholders: stakeholders(m.stakeholders),
        stakeholdersFromMergedCell: m.stakeholders_from_merged_cell === true,
        layoutNoteEn: null,
        progress: [],
      })),
    })),
  };
}

export function convertPlan2021(f: Plan2021File, code: string = REAL_PLAN_CODES.plan2021): PlanDocumentInput {
  const p = f.plan;
  const d = f.draft_commitment_list_2020;
  const asWritten = (names: string[], codes: (string | null)[]) => names.map((nameZh, i) => ({ nameZh, code: codes[i] ?? null }));
  return {
    formatVersion: PLAN_FORMAT_VERSION,
    code,
    titleZh: p.title_zh,
    titleEn: p.title_en,
    status: 'final',
    statusZh: null,
    periodStart: p.period_start,
    periodEnd: p.period_end,
    documentDate: null,
    documentDateAsWrittenZh: null,
    report: { titleZh: p.report_title_zh, titleEn: p.report_title_en, year: p.report_year },
    areas: f.areas.map((a) => ({
      prefix: a.prefix,
      areaZh: a.area_zh,
      areaEn: a.area_en,
      variantsZh: f.area_name_variants_zh[a.area_zh] ?? [],
    })),
    areasSourceZh: null,
    taskForce: null,
    coCreationProcess: [],
    coCreationFacts: null,
    originCounts: camelKeys(p.origin_counts) as Record<string, unknown>,
    sheetQuestionsZh: null,
    descriptionQuestionsZh: p.descriptionQuestionsZh,
    progressScale: f.progress_scale.map((s) => ({ value: s.value, labelZh: s.label_zh, labelEn: s.label_en })),
    draftCommitmentList: {
      sourceSeed: d.source_seed,
      titleZh: d.title_zh,
      noteEn: d.note_en,
      items: d.items.map((i) => ({
        no: i.no,
        titleZh: i.title_zh,
        leadAgencyZh: orNull(i.lead_agency_zh),
        areaZh: orNull(i.area_zh),
        areaEn: orNull(i.area_en),
        mapsToCode: orNull(i.maps_to_code),
      })),
    },
    sourceSeed: f.source_seed,
    notesEn: f.notes_en,
    commitments: f.commitments.map((c) => ({
      code: c.code,
      ordinalZh: null,
      areaZh: c.area_zh,
      areaEn: c.area_en,
      titleZh: c.title_zh,
      titleEn: c.title_en,
      summaryZh: null,
      // The seeds do not say which 2021 commitment came from which source (only the plan's origin counts).
      origin: null,
      originTypes: [],
      originZh: null,
      originEn: null,
      leadAgencyAsWrittenZh: null,
      leadAgencyAsWrittenEn: null,
      leadCoAsWrittenZh: c.lead_co_as_written_zh,
      leadAgencies: asWritten(c.lead_agencies_zh, c.lead_agency_ids),
      coAgencies: asWritten(c.co_agencies_zh, c.co_agency_ids),
      stakeholders: null,
      stakeholdersAsWrittenZh: null,
      stakeholdersOtherAsWrittenZh: null,
      periodStart: c.period_start,
      periodEnd: c.period_end,
      periodAsWrittenZh: c.periodAsWrittenZh,
      problemZh: null,
      problemEn: null,
      problemFullZh: null,
      problemCauseZh: null,
      descriptionZh: { ...c.descriptionZh },
      analysisZh: null,
      otherInformationZh: c.otherInformationZh,
      resultsSummaryZh: c.results_summary_zh,
      resultsSummaryTruncated: c.results_summary_truncated,
      resultsFullZh: c.resultsFullZh,
      contact: {
        name: orNull(c.contact.name),
        titleDept: orNull(c.contact.title_dept),
        jobTitleZh: orNull(c.contact.job_title_zh),
        departmentZh: orNull(c.contact.department_zh),
        email: orNull(c.contact.email),
        phone: orNull(c.contact.phone),
        emailPhoneAsWrittenZh: orNull(c.contact.emailPhoneAsWrittenZh),
      },
      participantsGovernmentZh: c.participants_government_zh,
      participantsCivilZh: c.participants_civil_zh,
      noteEn: orNull(c.note_en),
      milestones: c.indicators.map((i) => ({
        titleZh: i.title_zh,
        titleEn: null,
        expectedOutputZh: null,
        start: i.start,
        due: i.end,
        stakeholdersAsWrittenZh: null,
        stakeholders: null,
        stakeholdersFromMergedCell: false,
        layoutNoteEn: orNull(i.layout_note_en),
        progress: [
          {
            year: p.report_year,
            status: i.progress,
            complete: false,
            narrativeZh: null,
            narrativeEn: null,
            evidenceUrls: [],
            uncertain: i.progress_uncertain,
            agencyCode: null,
          },
        ],
      })),
    })),
  };
}

/** Both real plans from data/, as plan documents (2025–2028 first). */
export function realPlanDocuments(): PlanDocumentInput[] {
  return [
    convertPlan2025(readDataFile<Plan2025File>('action-plan-2025-2028.json')),
    convertPlan2021(readDataFile<Plan2021File>('action-plan-2021-2024-status-2023.json')),
  ];
}
