import { ManualClock } from '#config';
import { readDataFile } from '#database';
import { type PlanDocumentInput, convertPlan2021, convertPlan2025, planDocumentSchema } from '#domain';
import { count } from '../support/database.js';
import { insertCall, insertDecisionRow, insertProposal } from '../support/factories/index.js';
import { type SignedIn, auth, registerUser } from '../support/http.js';
import { ADMIN_ENV, Routing } from '../support/routing.js';
import { type TestApp, createTestApp } from '../support/test-app.js';

const PLAN_TABLES = ['plans', 'commitments', 'commitment_agencies', 'milestones', 'milestone_progress', 'milestone_progress_reports'];

describe('action plans: import and export, commitments from adopted proposals, progress by lead agencies', () => {
  const clock = new ManualClock(new Date());
  let t: TestApp;
  let r: Routing;
  let taskForce: SignedIn;
  let citizen: SignedIn;
  let leadStaff: SignedIn;
  let coStaff: SignedIn;
  let otherStaff: SignedIn;
  let callId: string;
  let planId: string;

  const rows = async () => Object.fromEntries(await Promise.all(PLAN_TABLES.map(async (x) => [x, await count(t, x)] as const)));
  const plan2025 = () => convertPlan2025(readDataFile('action-plan-2025-2028.json'), 'e2e-2025');

  /** A published proposal, decided as told (or not at all), straight in the database. */
  async function proposal(decision: 'adopted' | 'conditionally_adopted' | 'not_adopted' | null, concluded?: 'adopted' | 'not_adopted') {
    const id = await insertProposal(t.ds, { callId, authorId: citizen.id, status: decision ? 'decided' : 'responded', now: clock.now() });
    if (decision)
      await insertDecisionRow(t.ds, { proposalId: id, decidedBy: taskForce.id, outcome: decision, concludedOutcome: concluded });
    return id;
  }

  const commitment = (code: string, proposalId?: string) => ({
    ...(proposalId ? { proposalId } : { origin: 'government_agency' }),
    code,
    titleZh: '公開政府採購資料',
    titleEn: 'Open government procurement data',
    leadAgencyIds: [r.agency('moenv')],
    coAgencyIds: [r.agency('ndc')],
    area: '資訊近用',
    summaryZh: '以開放格式公開採購資料。',
    stakeholders: { governmentZh: ['環境部'], civilSocietyZh: [' 開放文化基金會 '], otherZh: [] },
    problem: '採購資料不易取得。',
    problemCauseZh: '資料分散於各機關。',
    description: { measuresSoFar: '已公開部分資料。', proposedSolution: '建立單一入口。', expectedResults: '民眾可下載完整資料。' },
    analysis: { transparency: '公開資料。', accountability: '可追蹤決策。', participation: '邀請民間參與。' },
    contact: { name: '王小明', jobTitleZh: '科長', email: 'contact@example.org' },
    milestones: [
      { titleZh: '盤點資料', expectedOutput: '盤點報告', start: '2026-01', due: '2026-12' },
      { titleZh: '上線入口', titleEn: 'Launch the portal', expectedOutput: '入口網站', due: '2027-06' },
    ],
  });

  beforeAll(async () => {
    t = await createTestApp({ clock, env: { ...ADMIN_ENV, WORKER_SCHEDULES: 'false' } });
    r = await Routing.setUp(t, clock);
    taskForce = await r.withRoles(await registerUser(t, { displayName: '推動小組秘書' }), ['task_force']);
    citizen = await registerUser(t, { displayName: '公民' });
    leadStaff = await r.staffOf('moenv');
    coStaff = await r.staffOf('ndc');
    otherStaff = await r.staffOf('moa');
    callId = await insertCall(t.ds, { now: clock.now() });
    const res = await t.http
      .post('/api/v1/plans')
      .set(auth(taskForce))
      .send({
        code: 'e2e-plan',
        titleZh: '測試行動方案',
        titleEn: 'Test plan',
        periodStart: '2026-01',
        periodEnd: '2029-12',
        status: 'draft',
      })
      .expect(201);
    planId = res.body.id as string;
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('import and export', () => {
    it('imports the whole 2021–2024 plan for the task force only (403 for a citizen), and exports the document it read', async () => {
      const doc = convertPlan2021(readDataFile('action-plan-2021-2024-status-2023.json'), 'e2e-2021');
      await t.http.post('/api/v1/plans/import').set(auth(citizen)).send(doc).expect(403);
      // Without a token the large-body parser is not used: a whole plan is refused unread, a small body gets the 401.
      await t.http.post('/api/v1/plans/import').send(doc).expect(413);
      await t.http.post('/api/v1/plans/import').send({ formatVersion: 1 }).expect(401);
      const res = await t.http.post('/api/v1/plans/import').set(auth(taskForce)).send(doc).expect(201);
      expect(res.body).toMatchObject({ code: 'e2e-2021', status: 'final' });
      const indicators = (res.body.commitments as { milestones: { latestProgress: { status: string; completion: string } }[] }[]).flatMap(
        (c) => c.milestones,
      );
      expect(res.body.commitments).toHaveLength(19);
      expect(indicators).toHaveLength(57);
      expect(indicators.filter((m) => m.latestProgress.completion === 'substantial')).toHaveLength(47);
      expect(indicators.filter((m) => m.latestProgress.completion === 'limited')).toHaveLength(6);
      expect(indicators.filter((m) => m.latestProgress.completion === 'not_started')).toHaveLength(4);

      const exported = await t.http.get(`/api/v1/export/plans/${res.body.id}.json`).expect(200);
      expect(exported.body).toEqual(planDocumentSchema.parse(doc));
      expect(exported.body).not.toHaveProperty('id');

      const again = await t.http.post('/api/v1/plans/import').set(auth(taskForce)).send(exported.body).expect(409);
      expect(again.body.statusCode).toBe(409);
    });

    it('refuses a document with several errors, listing each with its JSON path, and writes nothing', async () => {
      const before = await rows();
      const doc = plan2025() as PlanDocumentInput & Record<string, unknown>;
      doc.formatVersion = 2 as never;
      doc.status = 'adopted' as never;
      doc.commitments![0]!.titleZh = '';
      doc.commitments![1]!.leadAgencies = [{ nameZh: null, code: 'no-such-agency' }];
      doc.commitments![3]!.milestones![0]!.due = '2025/13';
      doc.commitments![4]!.milestones![2]!.progress = [{ year: 2026, status: 'limited', complete: true }];
      doc.commitments![6]!.code = '1';
      (doc as Record<string, unknown>).surprise = true;

      const res = await t.http.post('/api/v1/plans/import').set(auth(taskForce)).send(doc).expect(422);
      expect(res.body).toMatchObject({ statusCode: 422, error: 'Unprocessable Entity' });
      const paths = (res.body.errors as { path: string; message: string }[]).map((e) => e.path);
      expect(paths).toEqual(
        expect.arrayContaining([
          'formatVersion',
          'status',
          'commitments[0].titleZh',
          'commitments[1].leadAgencies[0].code',
          'commitments[3].milestones[0].due',
          'commitments[4].milestones[2].progress[0].complete',
          'commitments[6].code',
        ]),
      );
      expect(paths.some((p) => p === '$' || p === '')).toBe(true); // the unknown key, at the top
      expect(res.body.errors.every((e: { message: string }) => typeof e.message === 'string' && e.message.length > 0)).toBe(true);
      expect(await rows()).toEqual(before);

      // The same document, corrected, imports.
      await t.http.post('/api/v1/plans/import').set(auth(taskForce)).send(plan2025()).expect(201);
    });

    it('answers 422 (not a 5xx) for a body that is no plan document at all', async () => {
      const res = await t.http.post('/api/v1/plans/import').set(auth(taskForce)).send([1, 2]).expect(422);
      expect(res.body.errors.length).toBeGreaterThan(0);
    });
  });

  describe('commitments from proposals', () => {
    it('makes a commitment from an adopted proposal, linked both ways, once (409 for a second)', async () => {
      const p = await proposal('adopted');
      await t.http.post(`/api/v1/plans/${planId}/commitments`).set(auth(citizen)).send(commitment('A1', p)).expect(403);
      const res = await t.http.post(`/api/v1/plans/${planId}/commitments`).set(auth(taskForce)).send(commitment('A1', p)).expect(201);
      expect(res.body).toMatchObject({
        planId,
        proposalId: p,
        code: 'A1',
        origin: 'civil_society',
        areaZh: '資訊近用',
        problemZh: '採購資料不易取得。',
        problemCauseZh: '資料分散於各機關。',
        descriptionZh: { measuresSoFar: '已公開部分資料。', publicProblem: null },
        analysisZh: { accountability: '可追蹤決策。' },
        contact: { name: '王小明', email: 'contact@example.org', phone: null },
        // Each item of a list is stored as a single text is: trimmed, in NFC.
        stakeholders: { civilSocietyZh: ['開放文化基金會'] },
        leadAgencyIds: [r.agency('moenv')],
        coAgencyIds: [r.agency('ndc')],
      });
      expect(res.body.milestones).toHaveLength(2);
      expect(res.body.milestones[0]).toMatchObject({
        titleZh: '盤點資料',
        expectedOutput: '盤點報告',
        start: '2026-01',
        due: '2026-12',
        latestProgress: null,
      });

      const record = await t.http.get(`/api/v1/proposals/${p}`).expect(200);
      expect(record.body.commitment).toMatchObject({ id: res.body.id, code: 'A1', planId, planCode: 'e2e-plan' });
      const timeline = await t.http.get(`/api/v1/proposals/${p}/timeline`).expect(200);
      expect(timeline.body.items.map((e: { type: string }) => e.type)).toContain('commitment_created');
      await t.http.get(`/api/v1/commitments/${res.body.id}`).expect(200);

      const second = await t.http.post(`/api/v1/plans/${planId}/commitments`).set(auth(taskForce)).send(commitment('A2', p)).expect(409);
      expect(second.body.statusCode).toBe(409);
      expect(await count(t, 'commitments')).toBeGreaterThan(0);
      const [{ n }] = (await t.ds.query('SELECT COUNT(*) AS n FROM commitments WHERE proposal_id = ?', [p])) as { n: string }[];
      expect(Number(n)).toBe(1);
    });

    it('gives one 201 and one 409 when the same proposal is submitted twice at once', async () => {
      const p = await proposal('adopted');
      const answers = await Promise.all(
        ['D1', 'D2'].map((code) => t.http.post(`/api/v1/plans/${planId}/commitments`).set(auth(taskForce)).send(commitment(code, p))),
      );
      expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
      const events = (await t.http.get(`/api/v1/proposals/${p}/timeline`).expect(200)).body.items.filter(
        (e: { type: string }) => e.type === 'commitment_created',
      );
      expect(events).toHaveLength(1);
    });

    it('takes a conditionally adopted proposal, but not one concluded as not adopted, not adopted, or undecided (422)', async () => {
      await t.http
        .post(`/api/v1/plans/${planId}/commitments`)
        .set(auth(taskForce))
        .send(commitment('C1', await proposal('conditionally_adopted')))
        .expect(201);
      await t.http
        .post(`/api/v1/plans/${planId}/commitments`)
        .set(auth(taskForce))
        .send(commitment('C2', await proposal('conditionally_adopted', 'adopted')))
        .expect(201);
      const before = await count(t, 'commitments');
      for (const [code, p] of [
        ['N1', await proposal('conditionally_adopted', 'not_adopted')],
        ['N2', await proposal('not_adopted')],
        ['N3', await proposal(null)],
      ] as const) {
        const res = await t.http.post(`/api/v1/plans/${planId}/commitments`).set(auth(taskForce)).send(commitment(code, p)).expect(422);
        expect(res.body.message).toMatch(/^commitment_requires_adoption/);
      }
      expect(await count(t, 'commitments')).toBe(before);
    });

    it('refuses an agency named twice, or as both lead and co-agency (422, nothing written)', async () => {
      const before = await count(t, 'commitments');
      const moenv = r.agency('moenv');
      for (const [code, lead, co] of [
        ['L1', [moenv], [moenv]],
        ['L2', [moenv, moenv], []],
        ['L3', [moenv], [r.agency('ndc'), r.agency('ndc')]],
      ] as const) {
        const body = { ...(commitment(code) as Record<string, unknown>), leadAgencyIds: lead, coAgencyIds: co };
        const res = await t.http.post(`/api/v1/plans/${planId}/commitments`).set(auth(taskForce)).send(body).expect(422);
        expect(res.body.message).toMatch(/agency/);
      }
      expect(await count(t, 'commitments')).toBe(before);
    });

    it('needs an origin without a proposal, and a plan code once (409)', async () => {
      const { origin: _o, ...noOrigin } = commitment('G1') as Record<string, unknown>;
      await t.http.post(`/api/v1/plans/${planId}/commitments`).set(auth(taskForce)).send(noOrigin).expect(422);
      await t.http.post(`/api/v1/plans/${planId}/commitments`).set(auth(taskForce)).send(commitment('G1')).expect(201);
      await t.http.post(`/api/v1/plans/${planId}/commitments`).set(auth(taskForce)).send(commitment('G1')).expect(409);
      await t.http
        .post('/api/v1/plans')
        .set(auth(taskForce))
        .send({ code: 'e2e-plan', titleZh: '重複', titleEn: 'Twice', periodStart: '2026-01', periodEnd: '2029-12', status: 'final' })
        .expect(409);
    });
  });

  describe('progress', () => {
    let proposalId: string;
    let commitmentId: string;
    let milestoneId: string;
    const report = (year: number, status: string, extra: Record<string, unknown> = {}) => ({
      year,
      status,
      narrative: `${year} 年進度說明。`,
      ...extra,
    });

    beforeAll(async () => {
      proposalId = await proposal('adopted');
      const res = await t.http
        .post(`/api/v1/plans/${planId}/commitments`)
        .set(auth(taskForce))
        .send(commitment('P1', proposalId))
        .expect(201);
      commitmentId = res.body.id as string;
      milestoneId = res.body.milestones[0].id as string;
    });

    it('is reported by staff of a lead agency only: 403 for co-agency staff, another agency, a citizen', async () => {
      for (const who of [coStaff, otherStaff, citizen, taskForce]) {
        await t.http.put(`/api/v1/milestones/${milestoneId}/progress`).set(auth(who)).send(report(2026, 'limited')).expect(403);
      }
      await t.http.put(`/api/v1/milestones/${milestoneId}/progress`).send(report(2026, 'limited')).expect(401);
      expect(await count(t, 'milestone_progress_reports')).toBe(57); // only the imported 2021 plan's reports
      const res = await t.http
        .put(`/api/v1/milestones/${milestoneId}/progress`)
        .set(auth(leadStaff))
        .send(report(2026, 'limited'))
        .expect(200);
      expect(res.body).toMatchObject({
        year: 2026,
        status: 'limited',
        complete: false,
        completion: 'limited',
        agencyId: r.agency('moenv'),
      });
    });

    it('takes `complete` only with substantial_or_complete (422 otherwise)', async () => {
      const res = await t.http
        .put(`/api/v1/milestones/${milestoneId}/progress`)
        .set(auth(leadStaff))
        .send(report(2026, 'limited', { complete: true }))
        .expect(422);
      expect(res.body.message).toMatch(/^progress_complete_flag/);
    });

    it('keeps one current report per milestone and year, the history of all, and shows the latest in the plan and on the proposal', async () => {
      clock.advance(60_000);
      await t.http
        .put(`/api/v1/milestones/${milestoneId}/progress`)
        .set(auth(leadStaff))
        .send(report(2026, 'substantial_or_complete', { narrativeEn: 'Done.', evidenceUrls: ['https://example.org/report.pdf'] }))
        .expect(200);
      clock.advance(60_000);
      const done = await t.http
        .put(`/api/v1/milestones/${milestoneId}/progress`)
        .set(auth(leadStaff))
        .send(report(2027, 'substantial_or_complete', { complete: true }))
        .expect(200);
      expect(done.body.completion).toBe('complete');

      const history = await t.http.get(`/api/v1/milestones/${milestoneId}/progress`).expect(200);
      expect(history.body.items.map((i: { year: number; status: string; current: boolean }) => [i.year, i.status, i.current])).toEqual([
        [2026, 'limited', false],
        [2026, 'substantial_or_complete', true],
        [2027, 'substantial_or_complete', true],
      ]);
      const [{ n }] = (await t.ds.query('SELECT COUNT(*) AS n FROM milestone_progress WHERE milestone_id = ?', [milestoneId])) as {
        n: string;
      }[];
      expect(Number(n)).toBe(2);

      const plan = await t.http.get(`/api/v1/plans/${planId}`).expect(200);
      const m = (plan.body.commitments as { id: string; milestones: { id: string; latestProgress: unknown; progress: unknown[] }[] }[])
        .find((c) => c.id === commitmentId)!
        .milestones.find((x) => x.id === milestoneId)!;
      expect(m.latestProgress).toMatchObject({ year: 2027, completion: 'complete' });
      expect(m.progress).toHaveLength(2);
      expect(m.progress[0]).toMatchObject({
        year: 2026,
        completion: 'substantial',
        narrativeEn: 'Done.',
        evidenceUrls: ['https://example.org/report.pdf'],
      });

      const record = await t.http.get(`/api/v1/proposals/${proposalId}`).expect(200);
      expect(record.body.commitment.milestones[0]).toMatchObject({
        id: milestoneId,
        latestProgress: { year: 2027, completion: 'complete' },
      });
      expect(record.body.commitment.milestones[1]).toMatchObject({ latestProgress: null });

      const exported = await t.http.get(`/api/v1/export/plans/${planId}.json`).expect(200);
      const pm = exported.body.commitments.find((c: { code: string }) => c.code === 'P1').milestones[0];
      expect(pm.progress.map((p: { year: number; agencyCode: string }) => [p.year, p.agencyCode])).toEqual([
        [2026, 'moenv'],
        [2027, 'moenv'],
      ]);
    });

    it('lists plans with their commitments and 404s unknown ids', async () => {
      const list = await t.http.get('/api/v1/plans?pageSize=100').expect(200);
      expect(list.body.items.map((p: { code: string }) => p.code)).toEqual(expect.arrayContaining(['e2e-plan', 'e2e-2021', 'e2e-2025']));
      expect(list.body.total).toBe(3);
      await t.http.get('/api/v1/plans/00000000-0000-7000-8000-000000000000').expect(404);
      await t.http.get('/api/v1/export/plans/00000000-0000-7000-8000-000000000000.json').expect(404);
      await t.http.get('/api/v1/milestones/00000000-0000-7000-8000-000000000000/progress').expect(404);
    });
  });
});
