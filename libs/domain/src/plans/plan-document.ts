import { z } from 'zod';
import { COMMITMENT_ORIGINS, PLAN_STATUSES, PROGRESS_STATUSES } from './plan.entities.js';

/**
 * "The plan document": one JSON shape for a whole plan, the same for export and import. camelCase, every field of
 * both real templates (data/README.md), agencies by their `code`, and nothing that changes from one database to
 * another (no ids, no timestamps): export → import → export gives the same document.
 *
 * Absent optional fields read as null (lists as []); the exporter writes every key.
 */
export const PLAN_FORMAT_VERSION = 1;

/** Column limits, in characters: a TEXT column holds 65,535 bytes (4 bytes a character at worst), MEDIUMTEXT far more. */
const SHORT = 300;
const TEXT = 16_000;
const LONG = 200_000;

const str = (max: number) => z.string().min(1, 'must not be empty').max(max, `at most ${max} characters`);
const opt = <T extends z.ZodType>(s: T) => s.nullable().default(null);
const list = <T extends z.ZodType>(s: T, max = 200) => z.array(s).max(max, `at most ${max} items`).default([]);
/** `YYYY-MM`, or `YYYY` where a document gives years only (the 2025–2028 plan's periods). */
const period = z.string().regex(/^\d{4}(-(0[1-9]|1[0-2]))?$/, 'must be YYYY-MM or YYYY');
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be YYYY-MM');
const agencyCode = z.string().regex(/^[a-z0-9][a-z0-9-]{0,99}$/, 'must be an agency code (lower-case letters, digits, -)');
/** Free-form JSON (the co-creation facts, origin counts): plain values, nested at most a few levels. */
const jsonValue: z.ZodType<unknown> = z.lazy(() =>
  z.union([z.string().max(TEXT), z.number(), z.boolean(), z.null(), z.array(jsonValue).max(200), z.record(z.string().max(100), jsonValue)]),
);

export const stakeholderListsSchema = z.strictObject({
  governmentZh: list(str(SHORT)),
  civilSocietyZh: list(str(SHORT)),
  otherZh: list(str(SHORT)),
});

const agencyAsWritten = z.strictObject({ nameZh: opt(str(SHORT)), code: opt(agencyCode) });

export const progressReportSchema = z
  .strictObject({
    year: z.number().int().min(2000).max(2100),
    status: z.enum(PROGRESS_STATUSES),
    complete: z.boolean().default(false),
    narrativeZh: opt(str(LONG)),
    narrativeEn: opt(str(LONG)),
    evidenceUrls: list(z.url({ protocol: /^https?$/ }).max(2000), 50),
    uncertain: z.boolean().default(false),
    agencyCode: opt(agencyCode),
  })
  .refine((p) => !p.complete || p.status === 'substantial_or_complete', {
    message: 'complete is only meaningful with status substantial_or_complete',
    path: ['complete'],
  });

const milestoneSchema = z.strictObject({
  titleZh: str(TEXT),
  titleEn: opt(str(TEXT)),
  expectedOutputZh: opt(str(TEXT)),
  start: opt(month),
  due: opt(month),
  stakeholdersAsWrittenZh: opt(str(TEXT)),
  stakeholders: opt(stakeholderListsSchema),
  stakeholdersFromMergedCell: z.boolean().default(false),
  layoutNoteEn: opt(str(TEXT)),
  /** The current report of each year, oldest year first. */
  progress: list(progressReportSchema, 50),
});

const commitmentSchema = z.strictObject({
  code: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,19}$/, 'must be a code of at most 20 letters, digits, . _ -'),
  ordinalZh: opt(str(20)),
  areaZh: opt(str(100)),
  areaEn: opt(str(200)),
  titleZh: str(500),
  titleEn: opt(str(500)),
  summaryZh: opt(str(TEXT)),
  origin: opt(z.enum(COMMITMENT_ORIGINS)),
  originTypes: list(z.enum(COMMITMENT_ORIGINS), 4),
  originZh: opt(str(TEXT)),
  originEn: opt(str(TEXT)),
  leadAgencyAsWrittenZh: opt(str(TEXT)),
  leadAgencyAsWrittenEn: opt(str(TEXT)),
  leadCoAsWrittenZh: opt(str(500)),
  leadAgencies: list(agencyAsWritten, 50),
  coAgencies: list(agencyAsWritten, 50),
  stakeholders: opt(stakeholderListsSchema),
  stakeholdersAsWrittenZh: opt(z.strictObject({ government: opt(str(TEXT)), civilSociety: opt(str(TEXT)), other: opt(str(TEXT)) })),
  stakeholdersOtherAsWrittenZh: opt(str(TEXT)),
  periodStart: opt(period),
  periodEnd: opt(period),
  periodAsWrittenZh: opt(str(100)),
  problemZh: opt(str(LONG)),
  problemEn: opt(str(LONG)),
  problemFullZh: opt(str(LONG)),
  problemCauseZh: opt(str(LONG)),
  /** The description answers: 2025 template (measuresSoFar, proposedSolution, expectedResults), 2021 template (the other four). */
  descriptionZh: opt(
    z.strictObject({
      measuresSoFar: opt(str(LONG)),
      proposedSolution: opt(str(LONG)),
      expectedResults: opt(str(LONG)),
      publicProblem: opt(str(LONG)),
      commitmentDescription: opt(str(LONG)),
      contribution: opt(str(LONG)),
      ogpValuesRelevance: opt(str(LONG)),
    }),
  ),
  analysisZh: opt(z.strictObject({ transparency: opt(str(LONG)), accountability: opt(str(LONG)), participation: opt(str(LONG)) })),
  otherInformationZh: opt(str(LONG)),
  resultsSummaryZh: opt(str(LONG)),
  resultsSummaryTruncated: opt(z.boolean()),
  resultsFullZh: opt(str(LONG)),
  contact: opt(
    z.strictObject({
      name: opt(str(200)),
      titleDept: opt(str(500)),
      jobTitleZh: opt(str(300)),
      departmentZh: opt(str(500)),
      email: opt(str(254)),
      phone: opt(str(200)),
      emailPhoneAsWrittenZh: opt(str(500)),
    }),
  ),
  participantsGovernmentZh: opt(z.array(str(SHORT)).max(200)),
  participantsCivilZh: opt(z.array(str(SHORT)).max(200)),
  noteEn: opt(str(TEXT)),
  milestones: list(milestoneSchema, 100),
});

export const planDocumentSchema = z.strictObject({
  formatVersion: z.literal(PLAN_FORMAT_VERSION, { error: `formatVersion must be ${PLAN_FORMAT_VERSION}` }),
  code: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,49}$/, 'must be a code of at most 50 letters, digits, . _ -'),
  titleZh: str(SHORT),
  titleEn: str(SHORT),
  status: z.enum(PLAN_STATUSES),
  statusZh: opt(str(50)),
  periodStart: period,
  periodEnd: period,
  documentDate: opt(month),
  documentDateAsWrittenZh: opt(str(100)),
  report: opt(z.strictObject({ titleZh: opt(str(SHORT)), titleEn: opt(str(SHORT)), year: opt(z.number().int().min(2000).max(2100)) })),
  areas: list(z.strictObject({ prefix: opt(str(20)), areaZh: str(100), areaEn: opt(str(200)), variantsZh: list(str(100), 20) }), 50),
  areasSourceZh: opt(str(TEXT)),
  taskForce: opt(
    z.strictObject({ nameZh: opt(str(SHORT)), nameEn: opt(str(SHORT)), compositionZh: opt(str(TEXT)), compositionEn: opt(str(TEXT)) }),
  ),
  coCreationProcess: list(
    z.strictObject({
      step: str(20),
      phaseZh: opt(str(SHORT)),
      phaseEn: opt(str(SHORT)),
      subPhaseZh: opt(str(SHORT)),
      subPhaseEn: opt(str(SHORT)),
      descriptionZh: opt(str(TEXT)),
      descriptionEn: opt(str(TEXT)),
      start: opt(month),
      end: opt(month),
    }),
    50,
  ),
  coCreationFacts: opt(z.record(z.string().max(100), jsonValue)),
  originCounts: opt(z.record(z.string().max(100), jsonValue)),
  /** The 2025 sheet's questions as printed, by part and answer key. */
  sheetQuestionsZh: opt(z.record(z.string().max(100), z.record(z.string().max(100), str(SHORT)))),
  /** The 2021 sheet's four description questions as printed, by answer key. */
  descriptionQuestionsZh: opt(z.record(z.string().max(100), str(SHORT))),
  progressScale: list(z.strictObject({ value: z.enum(PROGRESS_STATUSES), labelZh: str(100), labelEn: str(100) }), 10),
  draftCommitmentList: opt(
    z.strictObject({
      sourceSeed: opt(str(100)),
      titleZh: opt(str(SHORT)),
      noteEn: opt(str(TEXT)),
      items: list(
        z.strictObject({
          no: z.number().int().min(0).max(10_000),
          titleZh: str(TEXT),
          leadAgencyZh: opt(str(SHORT)),
          areaZh: opt(str(100)),
          areaEn: opt(str(200)),
          mapsToCode: opt(str(20)),
        }),
      ),
    }),
  ),
  sourceSeed: opt(str(100)),
  notesEn: list(str(TEXT), 100),
  commitments: list(commitmentSchema, 200),
});

export type PlanDocument = z.output<typeof planDocumentSchema>;
export type PlanDocumentInput = z.input<typeof planDocumentSchema>;
export type CommitmentDocument = PlanDocument['commitments'][number];
export type MilestoneDocument = CommitmentDocument['milestones'][number];
export type ProgressDocument = MilestoneDocument['progress'][number];

/**
 * The rules across items (unique commitment codes, an agency once per commitment, one report per year), checked on
 * the raw input so that they are reported beside the structural errors, not only once those are fixed.
 */
export function crossItemErrors(input: unknown): DocumentError[] {
  const out: DocumentError[] = [];
  const codes = new Set<string>();
  items(input, 'commitments').forEach((c, i) => {
    if (typeof c.code === 'string') {
      if (codes.has(c.code)) out.push({ path: jsonPath(['commitments', i, 'code']), message: `commitment code "${c.code}" appears twice` });
      codes.add(c.code);
    }
    const agencies = new Set<string>();
    for (const side of ['leadAgencies', 'coAgencies']) {
      items(c, side).forEach((a, j) => {
        if (typeof a.code !== 'string') return;
        if (agencies.has(a.code))
          out.push({
            path: jsonPath(['commitments', i, side, j, 'code']),
            message: `agency "${a.code}" is listed twice in this commitment`,
          });
        agencies.add(a.code);
      });
    }
    items(c, 'milestones').forEach((m, k) => {
      const years = new Set<unknown>();
      items(m, 'progress').forEach((p, l) => {
        if (years.has(p.year))
          out.push({
            path: jsonPath(['commitments', i, 'milestones', k, 'progress', l, 'year']),
            message: 'a second report for this year: one per year',
          });
        years.add(p.year);
      });
    });
  });
  return out;
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** The objects of a list in a (possibly malformed) document: what is not an object is skipped. */
export function items(o: unknown, key: string): Record<string, unknown>[] {
  const v = isObject(o) ? o[key] : undefined;
  return Array.isArray(v) ? v.map((x) => (isObject(x) ? x : {})) : [];
}

/** One error of a refused document, at its JSON path (`commitments[3].milestones[0].due`). */
export interface DocumentError {
  path: string;
  message: string;
}

export function jsonPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out || '$';
}
