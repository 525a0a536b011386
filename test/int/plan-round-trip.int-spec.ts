import {
  DemoDataService,
  PlanImportService,
  type PlanDocument,
  PlansService,
  REAL_PLAN_CODES,
  RuleViolationError,
  convertPlan2021,
  convertPlan2025,
  planDocumentSchema,
} from '#domain';
import { readDataFile } from '#database';
import { type DomainApp, createDomainApp } from '../support/domain-app.js';

/** Both real plans: converted, imported, exported, imported into a second database and exported again. */
describe('plan documents: the real plans survive export → import → export unchanged', () => {
  let first: DomainApp;
  let second: DomainApp;
  const exported = new Map<string, PlanDocument>();
  const reExported = new Map<string, PlanDocument>();

  const n = async (d: DomainApp, sql: string, params: unknown[] = []) =>
    Number(((await d.ds.query(sql, params)) as { n: string | number }[])[0]!.n);

  beforeAll(async () => {
    [first, second] = await Promise.all([createDomainApp(), createDomainApp()]);
    const docs = [
      convertPlan2025(readDataFile('action-plan-2025-2028.json')),
      convertPlan2021(readDataFile('action-plan-2021-2024-status-2023.json')),
    ];
    for (const doc of docs) {
      const id = await first.get(PlanImportService).importTrusted(doc);
      const out = await first.get(PlansService).document(id);
      exported.set(doc.code, out);
      // Through JSON, as the HTTP export and import carry it.
      const id2 = await second.get(PlanImportService).importTrusted(JSON.parse(JSON.stringify(out)));
      reExported.set(doc.code, await second.get(PlansService).document(id2));
    }
  });
  afterAll(async () => {
    await Promise.all([first?.close(), second?.close()]);
  });

  it('exports the same document from the second database as from the first, and what was imported', () => {
    for (const code of Object.values(REAL_PLAN_CODES)) {
      expect(JSON.stringify(reExported.get(code))).toBe(JSON.stringify(exported.get(code)));
    }
    const converted = planDocumentSchema.parse(convertPlan2021(readDataFile('action-plan-2021-2024-status-2023.json')));
    expect(exported.get(REAL_PLAN_CODES.plan2021)).toEqual(converted);
    expect(exported.get(REAL_PLAN_CODES.plan2025)).toEqual(
      planDocumentSchema.parse(convertPlan2025(readDataFile('action-plan-2025-2028.json'))),
    );
  });

  it('keeps the counts: 19 commitments with 57 indicators (47 / 6 / 4) and 7 commitments with 28 milestones', async () => {
    const p21 = reExported.get(REAL_PLAN_CODES.plan2021)!;
    const p25 = reExported.get(REAL_PLAN_CODES.plan2025)!;
    expect(p21.commitments).toHaveLength(19);
    const indicators = p21.commitments.flatMap((c) => c.milestones);
    expect(indicators).toHaveLength(57);
    const tally = (s: string) =>
      indicators.filter((m) => m.progress.length === 1 && m.progress[0]!.year === 2023 && m.progress[0]!.status === s).length;
    expect([tally('substantial_or_complete'), tally('limited'), tally('not_started')]).toEqual([47, 6, 4]);
    expect(p25.commitments).toHaveLength(7);
    expect(p25.commitments.flatMap((c) => c.milestones)).toHaveLength(28);
    // In the database too: current reports and their history.
    for (const d of [first, second]) {
      const status = (s: string) =>
        n(
          d,
          `SELECT COUNT(*) AS n FROM milestone_progress mp JOIN milestones m ON m.id = mp.milestone_id JOIN commitments c ON c.id = m.commitment_id
            JOIN plans p ON p.id = c.plan_id WHERE p.code = ? AND mp.year = 2023 AND mp.status = ?`,
          [REAL_PLAN_CODES.plan2021, s],
        );
      expect([await status('substantial_or_complete'), await status('limited'), await status('not_started')]).toEqual([47, 6, 4]);
      expect(await n(d, 'SELECT COUNT(*) AS n FROM milestone_progress_reports')).toBe(57);
    }
  });

  it('carries every full-sheet field through the round trip', () => {
    const p21 = reExported.get(REAL_PLAN_CODES.plan2021)!;
    const p25 = reExported.get(REAL_PLAN_CODES.plan2025)!;
    const raw21 = readDataFile<{ commitments: Record<string, unknown>[] }>('action-plan-2021-2024-status-2023.json');
    const raw25 = readDataFile<{ commitments: Record<string, unknown>[] }>('action-plan-2025-2028.json');

    expect(p25.documentDateAsWrittenZh).toBe('2025 年 1 月');
    expect(p25.sheetQuestionsZh?.description?.measuresSoFar).toBe('一、到目前為止已採取了哪些措施來解決這個問題？');
    expect(p25.taskForce?.compositionZh).toMatch(/^由政府部門和民間團體代表各半組成/);
    expect(p25.coCreationProcess).toHaveLength(7);
    expect(p25.coCreationFacts).toMatchObject({ outreachSessions: 5, civilProposalsViaPlatform: 21, proposalsAdopted: 9 });
    expect(p25.areas.map((a) => a.areaZh)).toEqual(['環境與氣候', '數位治理', '涵容', '反貪腐', '資訊近用']);
    p25.commitments.forEach((c, i) => {
      const r = raw25.commitments[i] as Record<string, never>;
      expect(c.descriptionZh).toMatchObject(r.descriptionZh);
      expect(c.periodAsWrittenZh).toBe('2025-2028');
      expect(c.problemCauseZh).toBe(r.problem_cause_zh);
      expect(c.analysisZh).toEqual(r.analysis_zh);
      expect(c.originTypes).toEqual(r.origin_types);
      expect(c.stakeholdersAsWrittenZh?.government).toBe((r.stakeholdersAsWrittenZh as Record<string, string>).government);
      expect(c.leadAgencies.map((a) => a.code)).toEqual(r.lead_agency_ids);
    });
    expect(p25.commitments[1]!.stakeholdersAsWrittenZh?.other).toBeNull();
    expect(p25.commitments[3]!.stakeholdersAsWrittenZh?.other).toBe('無');
    expect(p25.commitments[1]!.milestones.every((m) => m.stakeholdersFromMergedCell)).toBe(true);
    expect(p25.commitments[1]!.origin).toBe('civil_society');

    expect(p21.descriptionQuestionsZh?.ogpValuesRelevance).toBeTruthy();
    expect(p21.report?.year).toBe(2023);
    expect(p21.draftCommitmentList?.items).toHaveLength(12);
    p21.commitments.forEach((c, i) => {
      const r = raw21.commitments[i] as Record<string, never>;
      const contact = r.contact as Record<string, string | null>;
      expect(c.otherInformationZh).toBe(r.otherInformationZh);
      expect(c.resultsFullZh).toBe(r.resultsFullZh);
      expect(c.resultsSummaryTruncated).toBe(r.results_summary_truncated);
      expect(c.descriptionZh).toMatchObject(r.descriptionZh);
      expect(c.contact).toMatchObject({ email: contact.email, phone: contact.phone, emailPhoneAsWrittenZh: contact.emailPhoneAsWrittenZh });
      expect(c.participantsCivilZh).toEqual(r.participants_civil_zh);
      expect(c.leadCoAsWrittenZh).toBe(r.lead_co_as_written_zh);
      expect(c.coAgencies.map((a) => a.code)).toEqual(r.co_agency_ids);
    });
    const c22 = p21.commitments.find((c) => c.code === '2-2')!;
    expect(c22.contact?.phone).toBeNull();
    expect(p21.commitments.flatMap((c) => c.milestones).filter((m) => m.layoutNoteEn)).toHaveLength(5);
  });

  it('refuses a second import of the same plan code, and a document with errors, writing nothing', async () => {
    const plans = await n(second, 'SELECT COUNT(*) AS n FROM plans');
    await expect(second.get(PlanImportService).importTrusted(exported.get(REAL_PLAN_CODES.plan2025))).rejects.toMatchObject({
      kind: 'conflict',
    });
    const bad = structuredClone(exported.get(REAL_PLAN_CODES.plan2025)!) as unknown as {
      code: string;
      commitments: Record<string, never>[];
    };
    bad.code = 'another-code';
    (bad.commitments[0] as Record<string, unknown>).leadAgencies = [{ nameZh: null, code: 'no-such-agency' }];
    const err = await second
      .get(PlanImportService)
      .importTrusted(bad)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RuleViolationError);
    expect((err as { errors: { path: string }[] }).errors).toEqual([
      { path: 'commitments[0].leadAgencies[0].code', message: 'unknown agency code "no-such-agency"' },
    ]);
    expect(await n(second, 'SELECT COUNT(*) AS n FROM plans')).toBe(plans);
  });
});

describe('demo data: both real plans load through the importer', () => {
  let d: DomainApp;
  beforeAll(async () => {
    d = await createDomainApp();
  });
  afterAll(async () => {
    await d?.close();
  });

  it('imports the converted documents once, keeping the 2021–2024 plan’s 47 / 6 / 4', async () => {
    await d.get(DemoDataService).loadDemoData();
    await d.get(DemoDataService).loadDemoData(); // a second start loads nothing again
    const plans = (await d.ds.query('SELECT id, code FROM plans ORDER BY code')) as { id: string; code: string }[];
    expect(plans.map((p) => p.code)).toEqual([REAL_PLAN_CODES.plan2021, REAL_PLAN_CODES.plan2025]);
    const doc = await d.get(PlansService).document(plans[0]!.id);
    expect(doc).toEqual(planDocumentSchema.parse(convertPlan2021(readDataFile('action-plan-2021-2024-status-2023.json'))));
    const marks = doc.commitments.flatMap((c) => c.milestones.map((m) => m.progress[0]!.status));
    expect(['substantial_or_complete', 'limited', 'not_started'].map((s) => marks.filter((x) => x === s).length)).toEqual([47, 6, 4]);
  });
});
