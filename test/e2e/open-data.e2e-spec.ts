import type { DataSource } from 'typeorm';
import { ManualClock } from '#config';
import { insertAssignment, insertCall, insertProposal, insertResponse, insertUser } from '../support/factories/index.js';
import { parseCsv } from '../support/csv.js';
import { insertDecision, insertMeeting, insertPlanWithProgress } from '../support/open-data.js';
import { type TestApp, createTestApp } from '../support/test-app.js';
import { until } from '../support/wait.js';

const DAY = 86_400_000;
const T0 = new Date('2026-02-02T04:00:00.000Z');
const at = (days: number) => new Date(T0.getTime() + days * DAY);
const BOM = '\uFEFF';
const DATASETS = ['proposals', 'responses', 'decisions', 'meetings', 'commitments', 'milestones', 'progress'];

interface Catalogue {
  license: { id: string; url: string; nameZh: string; nameEn: string };
  datasets: {
    name: string;
    formats: string[];
    urls: Record<string, string>;
    license: { id: string };
    rows: number;
    lastUpdate: string | null;
    dictionary: { name: string; type: string; zh: string; en: string }[];
  }[];
}

/** The body of a download as text, however it was sent. */
function download(t: TestApp, path: string) {
  return t.http
    .get(path)
    .buffer(true)
    .parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
}

async function setTimes(ds: DataSource, id: string, publishedAt: Date, qualifiedAt: Date | null) {
  await ds.query('UPDATE proposals SET published_at = ?, qualified_at = ? WHERE id = ?', [publishedAt, qualifiedAt, id]);
}

/** An assignment as the domain leaves it: assigned at `assigned`, due 60 days later, answered `answeredAfter` days in (or open). */
async function assignment(
  t: TestApp,
  proposalId: string,
  agencyId: string,
  role: 'lead' | 'co',
  assigned: Date,
  answeredAfter?: number,
  status?: 'rerouted' | 'closed',
) {
  const id = await insertAssignment(t.ds, {
    proposalId,
    agencyId,
    role,
    now: assigned,
    dueAt: new Date(assigned.getTime() + 60 * DAY),
    status: status ?? (answeredAfter === undefined ? 'open' : 'answered'),
  });
  if (answeredAfter !== undefined)
    await t.ds.query('UPDATE proposal_assignments SET answered_at = ? WHERE id = ?', [
      new Date(assigned.getTime() + answeredAfter * DAY),
      id,
    ]);
  return id;
}

describe('open data: the catalogue and streamed exports; statistics', () => {
  const clock = new ManualClock(new Date());
  let t: TestApp;
  let callA: string;
  let callB: string;
  let agencyX: string;
  let agencyY: string;
  let agencyZ: string;
  const p: Record<string, string> = {};
  let catalogue: Catalogue;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    const agencies = (await t.http.get('/api/v1/agencies').expect(200)).body.items as { id: string }[];
    [agencyX, agencyY, agencyZ] = [agencies[0]!.id, agencies[1]!.id, agencies[2]!.id];
    const author = await insertUser(t.ds, { tag: 'author' });
    const staff = await insertUser(t.ds, { tag: 'staff', roles: ['agency_staff'], agencyId: agencyX });
    callA = await insertCall(t.ds);
    callB = await insertCall(t.ds);
    const proposal = (name: string, callId: string, status: Parameters<typeof insertProposal>[1]['status'], title?: string) =>
      insertProposal(t.ds, { callId, authorId: author.id, status, title }).then((id) => (p[name] = id));

    // Call A: a known set for the statistics.
    await proposal('endorsing', callA, 'endorsing');
    await proposal('expired', callA, 'expired');
    await proposal('pending', callA, 'pending_review');
    await proposal('rejected', callA, 'rejected');
    await proposal('adopted', callA, 'decided');
    await proposal('notAdopted', callA, 'decided');
    await proposal('assigned', callA, 'assigned');
    await setTimes(t.ds, p.endorsing!, T0, null);
    await setTimes(t.ds, p.expired!, at(-10), null);
    await setTimes(t.ds, p.adopted!, T0, at(2));
    await setTimes(t.ds, p.notAdopted!, T0, at(4));
    await setTimes(t.ds, p.assigned!, T0, at(6));
    // X answers `adopted` on time (10 days; a first answer corrected), `notAdopted` late (70 days, due in 60);
    // Y holds `notAdopted` as co and `assigned` as lead, unanswered; Z's assignment was re-routed away.
    const a1 = await assignment(t, p.adopted!, agencyX, 'lead', at(3), 10);
    const a2 = await assignment(t, p.notAdopted!, agencyX, 'lead', at(5), 70);
    await assignment(t, p.notAdopted!, agencyY, 'co', at(5));
    await assignment(t, p.assigned!, agencyY, 'lead', at(7));
    await assignment(t, p.assigned!, agencyZ, 'lead', at(6), undefined, 'rerouted');
    // Z also held `adopted` as co, unanswered when the task force decided: closed, counted as held and unanswered.
    await assignment(t, p.adopted!, agencyZ, 'co', at(3), undefined, 'closed');
    const first = await insertResponse(t.ds, {
      proposalId: p.adopted!,
      assignmentId: a1,
      agencyId: agencyX,
      authorId: staff.id,
      recommendation: 'not_adopt',
    });
    const current = await insertResponse(t.ds, {
      proposalId: p.adopted!,
      assignmentId: a1,
      agencyId: agencyX,
      authorId: staff.id,
      recommendation: 'adopt',
    });
    await t.ds.query('UPDATE proposal_responses SET corrects_id = ? WHERE id = ?', [first, current]);
    await t.ds.query('UPDATE proposal_responses SET corrected_by_id = ? WHERE id = ?', [current, first]);
    await insertResponse(t.ds, {
      proposalId: p.notAdopted!,
      assignmentId: a2,
      agencyId: agencyX,
      authorId: staff.id,
      recommendation: 'not_adopt',
    });
    await insertResponse(t.ds, {
      proposalId: p.assigned!,
      assignmentId: await assignment(t, p.assigned!, agencyX, 'co', at(7)),
      agencyId: agencyX,
      authorId: staff.id,
      status: 'draft',
    });
    const meeting = await insertMeeting(t.ds, { number: 8, agenda: [p.adopted!, p.notAdopted!] });
    await insertDecision(t.ds, { proposalId: p.adopted!, meetingId: meeting, outcome: 'adopted' });
    await insertDecision(t.ds, { proposalId: p.notAdopted!, meetingId: meeting, outcome: 'not_adopted' });
    await insertPlanWithProgress(t.ds, agencyX);

    // Call B: titles a spreadsheet would run as formulas, and one that needs quoting.
    await proposal('formula', callB, 'endorsing', '=cmd()');
    await proposal('plus', callB, 'endorsing', '+SUM(A1:A9)');
    await proposal('minus', callB, 'endorsing', '-2+3');
    await proposal('at', callB, 'endorsing', '@HYPERLINK("x")');
    await proposal('quoted', callB, 'endorsing', '他說："開放", 然後\r\n換行');
    catalogue = (await t.http.get('/api/v1/export').expect(200)).body as Catalogue;
  });
  afterAll(async () => {
    await t?.close();
  });

  const published = () =>
    ['endorsing', 'expired', 'adopted', 'notAdopted', 'assigned', 'formula', 'plus', 'minus', 'at', 'quoted'].map((k) => p[k]!);

  describe('the catalogue', () => {
    it('lists every dataset with its addresses, formats, licence, row count, last update and dictionary', () => {
      expect(catalogue.datasets.map((d) => d.name)).toEqual(DATASETS);
      expect(catalogue.license).toMatchObject({ id: 'OGDL-Taiwan-1.0', url: 'https://data.gov.tw/license' });
      const rows = Object.fromEntries(catalogue.datasets.map((d) => [d.name, d.rows]));
      expect(rows).toEqual({ proposals: 10, responses: 3, decisions: 2, meetings: 1, commitments: 1, milestones: 1, progress: 1 });
      for (const d of catalogue.datasets) {
        expect(d.formats).toEqual(['csv', 'json', 'ndjson']);
        expect(d.urls).toEqual({
          csv: `http://participation.test/api/v1/export/${d.name}.csv`,
          json: `http://participation.test/api/v1/export/${d.name}.json`,
          ndjson: `http://participation.test/api/v1/export/${d.name}.json?format=ndjson`,
        });
        expect(d.license.id).toBe('OGDL-Taiwan-1.0');
        expect(d.lastUpdate).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
        for (const c of d.dictionary) {
          expect(c.zh.length).toBeGreaterThan(0);
          expect(c.en.length).toBeGreaterThan(0);
        }
      }
    });

    it.each(DATASETS)('documents every column the %s export has, in CSV and in JSON', async (name) => {
      const dictionary = catalogue.datasets.find((d) => d.name === name)!.dictionary.map((c) => c.name);
      const csv = (await download(t, `/api/v1/export/${name}.csv`).expect(200)).body as Buffer;
      expect(parseCsv(csv.toString('utf8').slice(1))[0]).toEqual(dictionary);
      const json = (await t.http.get(`/api/v1/export/${name}.json`).expect(200)).body as { items: Record<string, unknown>[] };
      expect(json.items.length).toBeGreaterThan(0);
      for (const item of json.items) expect(Object.keys(item)).toEqual(dictionary);
    });
  });

  describe('CSV', () => {
    let text: string;
    let records: string[][];
    let byId: Map<string, Record<string, string>>;
    beforeAll(async () => {
      const res = await download(t, '/api/v1/export/proposals.csv').expect(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8; header=present');
      expect(res.headers['content-disposition']).toBe('attachment; filename="proposals.csv"');
      const body = res.body as Buffer;
      expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      text = body.toString('utf8');
      records = parseCsv(text.slice(1));
      const [header, ...rows] = records;
      byId = new Map(rows.map((r) => [r[0]!, Object.fromEntries(header!.map((h, i) => [h, r[i]!]))]));
    });

    it('opens with the BOM and is RFC 4180: a header row, CRLF after every record, quoted fields round-trip', () => {
      expect(text.startsWith(BOM)).toBe(true);
      expect(text.endsWith('\r\n')).toBe(true);
      expect(records.length).toBe(11);
      expect(new Set(records.map((r) => r.length)).size).toBe(1);
      expect(byId.get(p.quoted!)!.title).toBe('他說："開放", 然後\r\n換行');
    });

    it('escapes cells a spreadsheet would run as a formula (= + - @), and leaves numbers alone', () => {
      expect(byId.get(p.formula!)!.title).toBe("'=cmd()");
      expect(byId.get(p.plus!)!.title).toBe("'+SUM(A1:A9)");
      expect(byId.get(p.minus!)!.title).toBe("'-2+3");
      expect(byId.get(p.at!)!.title).toBe('\'@HYPERLINK("x")');
      expect(text).not.toMatch(/(^|,)[=+\-@]/m);
      expect(byId.get(p.formula!)!.endorsement_count).toBe('0');
    });

    it('holds only published proposals, with their agencies, latest recommendation and decision', () => {
      expect([...byId.keys()].sort()).toEqual(published().sort());
      expect(byId.has(p.pending!)).toBe(false);
      expect(byId.has(p.rejected!)).toBe(false);
      expect(byId.get(p.adopted!)).toMatchObject({
        status: 'decided',
        lead_agency_id: agencyX,
        // Z's co-assignment was closed, unanswered, when the task force decided: it was still assigned to Z.
        assigned_agency_ids: `${agencyX};${agencyZ}`,
        response_count: '1',
        latest_recommendation: 'adopt',
        decision_outcome: 'adopted',
        qualified_at: at(2).toISOString(),
      });
      expect(byId.get(p.notAdopted!)!.assigned_agency_ids).toBe(`${agencyX};${agencyY}`);
      expect(byId.get(p.assigned!)).toMatchObject({
        lead_agency_id: agencyY,
        response_count: '0',
        latest_recommendation: '',
        decision_outcome: '',
      });
    });
  });

  describe('JSON and NDJSON', () => {
    it('is one document {"items":[...]} with typed values: numbers, ISO-8601 UTC times, lists, null', async () => {
      const res = await t.http.get('/api/v1/export/proposals.json').expect(200);
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(res.headers['content-disposition']).toBe('inline; filename="proposals.json"');
      const items = (res.body as { items: Record<string, unknown>[] }).items;
      expect(items.map((i) => i.proposal_id).sort()).toEqual(published().sort());
      const notAdopted = items.find((i) => i.proposal_id === p.notAdopted)!;
      expect(notAdopted).toMatchObject({
        call_id: callA,
        endorsement_count: 0,
        published_at: T0.toISOString(),
        qualified_at: at(4).toISOString(),
        assigned_agency_ids: [agencyX, agencyY],
        decision_outcome: 'not_adopted',
        closed_at: null,
      });
      expect(items.find((i) => i.proposal_id === p.endorsing)!.assigned_agency_ids).toEqual([]);
      expect(JSON.parse(res.text)).toEqual({ items });
    });

    it('with ?format=ndjson, is one object a line', async () => {
      const res = await download(t, '/api/v1/export/responses.json?format=ndjson').expect(200);
      expect(res.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
      const text = (res.body as Buffer).toString('utf8');
      expect(text.endsWith('\n')).toBe(true);
      const lines = text
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines).toHaveLength(3);
      expect(
        lines
          .filter((l) => l.corrected_by_id === null)
          .map((l) => l.recommendation)
          .sort(),
      ).toEqual(['adopt', 'not_adopt']);
    });

    it('an empty dataset is an empty document', async () => {
      await t.ds.query('DELETE FROM milestone_progress');
      expect((await t.http.get('/api/v1/export/progress.json').expect(200)).body).toEqual({ items: [] });
      expect((await download(t, '/api/v1/export/progress.json?format=ndjson').expect(200)).body).toEqual(Buffer.alloc(0));
      const csv = ((await download(t, '/api/v1/export/progress.csv').expect(200)).body as Buffer).toString('utf8');
      expect(parseCsv(csv.slice(1))).toHaveLength(1);
      await insertPlanWithProgress(t.ds, agencyX);
    });
  });

  it('ids join across the files', async () => {
    const items = async (name: string) =>
      ((await t.http.get(`/api/v1/export/${name}.json`).expect(200)).body as { items: Record<string, unknown>[] }).items;
    const [proposals, responses, decisions, meetings, commitments, milestones, progress] = await Promise.all(DATASETS.map(items));
    const ids = (rows: Record<string, unknown>[], key: string) => new Set(rows.map((r) => r[key]));
    const proposalIds = ids(proposals!, 'proposal_id');
    for (const r of responses!) expect(proposalIds.has(r.proposal_id)).toBe(true);
    for (const d of decisions!) {
      expect(proposalIds.has(d.proposal_id)).toBe(true);
      expect(ids(meetings!, 'meeting_id').has(d.meeting_id)).toBe(true);
      expect(proposals!.find((x) => x.proposal_id === d.proposal_id)!.decision_id).toBe(d.decision_id);
    }
    for (const m of meetings!) for (const id of m.agenda_proposal_ids as string[]) expect(proposalIds.has(id)).toBe(true);
    for (const m of milestones!) expect(ids(commitments!, 'commitment_id').has(m.commitment_id)).toBe(true);
    for (const x of progress!) expect(ids(milestones!, 'milestone_id').has(x.milestone_id)).toBe(true);
    expect(meetings![0]).toMatchObject({
      number: 8,
      held_on: '2026-03-01',
      attendees: 3,
      attendees_government: 1,
      attendees_civil_society: 2,
    });
    expect(commitments![0]).toMatchObject({ lead_agency_ids: [agencyX], co_agency_ids: [], proposal_id: null });
    expect(progress![0]).toMatchObject({ status: 'limited', complete: false, completion: 'limited', agency_id: null });
    // The completion column is the API's mapping (progress-scale.ts), row by row.
    await t.ds.query(`UPDATE milestone_progress SET status = 'substantial_or_complete', complete = 1`);
    expect((await items('progress'))[0]).toMatchObject({ complete: true, completion: 'complete' });
    await t.ds.query(`UPDATE milestone_progress SET complete = 0`);
    expect((await items('progress'))[0]).toMatchObject({ complete: false, completion: 'substantial' });
    await t.ds.query(`UPDATE milestone_progress SET status = 'limited'`);
  });

  it('answers HEAD with the headers only', async () => {
    const res = await t.http.head('/api/v1/export/proposals.csv').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/proposals\.csv/);
  });

  it('answers an unknown dataset or format with a 4xx, never a 5xx', async () => {
    await t.http.get('/api/v1/export/nothing.csv').expect(404);
    await t.http.get('/api/v1/export/proposals.xml').expect(404);
    await t.http.get('/api/v1/export/proposals').expect(404);
    await t.http.get('/api/v1/export/proposals.csv?format=ndjson').expect(400);
    await t.http.get('/api/v1/export/proposals.json?format=xml').expect(400);
    await t.http.get('/api/v1/export/proposals.json?limit=1').expect(400);
  });

  describe('statistics', () => {
    it('per call: proposals per state, qualification, answering and adoption, on a known set', async () => {
      const res = await t.http.get(`/api/v1/statistics?callId=${callA}`).expect(200);
      expect(res.body.calls).toHaveLength(1);
      expect(res.body.calls[0]).toEqual({
        callId: callA,
        titleZh: '測試徵集',
        titleEn: 'Test call',
        proposals: 5,
        byStatus: { endorsing: 1, qualified: 0, expired: 1, withdrawn: 0, assigned: 1, responded: 0, decided: 2 },
        qualified: 3,
        qualificationRate: 0.75,
        medianDaysToQualify: 4,
        assignments: 6,
        answered: 2,
        answeredOnTime: 1,
        responseRate: 0.3333,
        onTimeRate: 0.5,
        medianDaysToAnswer: 40,
        recommendations: { adopt: 1, partially_adopt: 0, not_adopt: 1 },
        outcomes: { adopted: 1, conditionally_adopted: 0, not_adopted: 1 },
        concluded: { adopted: 0, not_adopted: 0 },
      });
    });

    it('per agency: what each holds and how it answered (handed-on assignments not counted, closed ones counted unanswered)', async () => {
      const res = await t.http.get(`/api/v1/statistics?callId=${callA}`).expect(200);
      const agencies = res.body.agencies as { agencyId: string }[];
      expect(agencies.map((a) => a.agencyId)).toEqual([agencyX, agencyY, agencyZ]);
      expect(agencies.find((a) => a.agencyId === agencyX)).toMatchObject({
        proposals: 3,
        byStatus: { decided: 2, assigned: 1 },
        assignments: 3,
        asLead: 2,
        answered: 2,
        answeredOnTime: 1,
        responseRate: 0.6667,
        onTimeRate: 0.5,
        medianDaysToAnswer: 40,
        recommendations: { adopt: 1, partially_adopt: 0, not_adopt: 1 },
        outcomes: { adopted: 1, conditionally_adopted: 0, not_adopted: 1 },
      });
      expect(agencies.find((a) => a.agencyId === agencyY)).toMatchObject({
        proposals: 2,
        byStatus: { decided: 1, assigned: 1 },
        assignments: 2,
        asLead: 1,
        answered: 0,
        responseRate: 0,
        onTimeRate: null,
        medianDaysToAnswer: null,
        outcomes: { adopted: 0, conditionally_adopted: 0, not_adopted: 1 },
      });
      expect(agencies.find((a) => a.agencyId === agencyZ)).toEqual({
        agencyId: agencyZ,
        code: expect.any(String),
        nameZh: expect.any(String),
        nameEn: expect.any(String),
        proposals: 1,
        byStatus: { endorsing: 0, qualified: 0, expired: 0, withdrawn: 0, assigned: 0, responded: 0, decided: 1 },
        asLead: 0,
        assignments: 1,
        answered: 0,
        answeredOnTime: 0,
        responseRate: 0,
        onTimeRate: null,
        medianDaysToAnswer: null,
        recommendations: { adopt: 0, partially_adopt: 0, not_adopt: 0 },
        outcomes: { adopted: 1, conditionally_adopted: 0, not_adopted: 0 },
        concluded: { adopted: 0, not_adopted: 0 },
      });
    });

    it('from/to bound the publication time; every call without callId', async () => {
      const from = at(-1).toISOString();
      const res = await t.http.get(`/api/v1/statistics?callId=${callA}&from=${from}`).expect(200);
      expect(res.body.calls[0]).toMatchObject({ proposals: 4, byStatus: { expired: 0 }, qualificationRate: 1 });
      expect(res.body.filter).toEqual({ callId: callA, from, to: null });
      // A date alone is a day in Taiwan: it starts at 16:00 UTC the day before. Ids match in any case.
      const byDay = await t.http.get(`/api/v1/statistics?callId=${callA.toUpperCase()}&from=2026-01-01&to=2026-01-02`).expect(200);
      expect(byDay.body.filter).toEqual({ callId: callA, from: '2025-12-31T16:00:00.000Z', to: '2026-01-01T16:00:00.000Z' });
      const upper = await t.http.get(`/api/v1/statistics?callId=${callA.toUpperCase()}&from=${from}`).expect(200);
      expect(upper.body.calls[0]).toMatchObject({ proposals: 4 });
      const none = await t.http.get(`/api/v1/statistics?callId=${callA}&to=${at(-20).toISOString()}`).expect(200);
      expect(none.body.calls).toEqual([]);
      const all = await t.http.get('/api/v1/statistics').expect(200);
      expect(all.body.calls.find((c: { callId: string }) => c.callId === callB)).toMatchObject({
        proposals: 5,
        qualificationRate: null,
        medianDaysToQualify: null,
        responseRate: null,
      });
    });

    it('refuses bad parameters with a 400', async () => {
      await t.http.get('/api/v1/statistics?callId=42').expect(400);
      await t.http.get('/api/v1/statistics?from=yesterday').expect(400);
      await t.http.get('/api/v1/statistics?from=2026-02-02T00:00:00Z&to=2026-02-01T00:00:00Z').expect(400);
      await t.http.get('/api/v1/statistics?agency=x').expect(400);
    });

    it("serves a filter's figures from memory for STATISTICS_CACHE_SECONDS, then recomputes them in the background", async () => {
      const get = async () =>
        (await t.http.get(`/api/v1/statistics?callId=${callB}`).expect(200)).body as {
          calls: { proposals: number }[];
          generatedAt: string;
        };
      const first = await get();
      expect(first.calls[0]!.proposals).toBe(5);
      const author = await insertUser(t.ds, { tag: 'late' });
      await insertProposal(t.ds, { callId: callB, authorId: author.id, status: 'endorsing' });
      clock.advance(59_000);
      expect(await get()).toEqual(first);
      clock.advance(1_000);
      expect((await get()).calls[0]!.proposals).toBe(5); // the stale figures, while the new ones are computed
      await until(async () => (await get()).calls[0]!.proposals === 6);
      expect((await get()).generatedAt).toBe(clock.now().toISOString());
    });
  });
});
