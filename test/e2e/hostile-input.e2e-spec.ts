import { randomUUID } from 'node:crypto';
import type { Type } from '@nestjs/common';
import fc from 'fast-check';
import type { Response, Test } from 'supertest';
import {
  insertAssignment,
  insertCall,
  insertPlanWithMilestone,
  insertProposal,
  insertResponse,
  insertUser,
} from '../support/factories/index.js';
import { auth, freshIp, login } from '../support/http.js';
import {
  type Field,
  type HostileClass,
  deepValue,
  fieldsOf,
  hostileIds,
  hostileQueryValues,
  hostileValues,
  validBody,
} from '../support/hostile-values.js';
import { ADMIN, ADMIN_ENV } from '../support/routing.js';
import { type AppRoute, appRoutes } from '../support/routes.js';
import { type TestApp, createTestApp } from '../support/test-app.js';

/**
 * Issue 9: hostile input never gives a 5xx and never writes. Every route the router serves (read from the
 * Express router, joined to its Nest handler for the DTOs it takes: a new route is covered without being listed)
 * gets a catalogue of hostile bodies, query strings and ids, once anonymous and once with an admin's token (so
 * the request passes the guards and reaches validation). Admin holds every role; here the admin is also staff
 * of an agency, and the ids in paths and bodies name real records, so a value the validation lets through
 * reaches the database. Each answer must be a 4xx with a message, and no table may change.
 *
 * A failure prints every 5xx and every other wrong answer with its fast-check seed: HOSTILE_SEED=<seed> runs the
 * same values again, HOSTILE_ONLY=<part of "METHOD /path"> runs only the routes that match.
 */

/** fast-check samples per field and character class (small: every sample is an HTTP request). */
const RUNS = 2;
const SEED = Number(process.env.HOSTILE_SEED ?? Date.now() % 1_000_000);
const CONCURRENCY = 6;

interface Case {
  cls: HostileClass;
  what: string;
  method: AppRoute['method'];
  url: string;
  /** A JSON value (sent as JSON), or raw text with its content type. */
  json?: unknown;
  raw?: string | Buffer;
  form?: string;
  headers?: Record<string, string>;
}

interface Failure {
  cls: HostileClass | 'writes';
  route: string;
  what: string;
  got: string;
}

describe('hostile input: never a 5xx, never a write', () => {
  let t: TestApp;
  let admin: { token: string; id: string };
  let routes: AppRoute[];
  const fixtures: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp({ env: ADMIN_ENV });
    const token = await login(t, ADMIN.email, ADMIN.password);
    admin = { token, id: (await t.http.get('/api/v1/me').set(auth({ token })).expect(200)).body.id as string };
    const agencies = (await t.http.get('/api/v1/agencies').expect(200)).body.items as { id: string }[];
    const agency = agencies[0]!.id;
    await t.ds.query('UPDATE users SET agency_id = ? WHERE id = ?', [agency, admin.id]);
    const call = await insertCall(t.ds);
    const proposal = await insertProposal(t.ds, { callId: call, authorId: admin.id, status: 'assigned' });
    const assignment = await insertAssignment(t.ds, { proposalId: proposal, agencyId: agency });
    const answered = await insertProposal(t.ds, { callId: call, authorId: admin.id, status: 'assigned' });
    const draft = await insertResponse(t.ds, {
      proposalId: answered,
      assignmentId: await insertAssignment(t.ds, { proposalId: answered, agencyId: agency }),
      agencyId: agency,
      authorId: admin.id,
      status: 'draft',
    });
    const citizen = await insertUser(t.ds, { tag: 'hostile' });
    // Real records by the path segment before an id (`/proposals/:id`) and by body field, so bodies reach the database.
    Object.assign(fixtures, { proposals: proposal, p: proposal, assignments: assignment, responses: draft, users: citizen.id });
    Object.assign(fixtures, { agencies: agency, callId: call, agency });
    // A plan whose commitment the admin's agency leads: progress bodies reach the database too.
    const plan = await insertPlanWithMilestone(t.ds, agency);
    Object.assign(fixtures, { plans: plan.planId, commitments: plan.commitmentId, milestones: plan.milestoneId });
    routes = appRoutes(t.app);
  });
  afterAll(async () => {
    await t?.close();
  });

  /** A real id for a path segment or body field when there is one (`callId`, `…agencyId…`), a random UUID otherwise. */
  function idFor(name: string): string {
    if (fixtures[name]) return fixtures[name];
    if (/agency|parent/i.test(name)) return fixtures.agency!;
    return randomUUID();
  }

  function pathWith(route: AppRoute, id?: string): string {
    return route.path.replace(/:(\w+)/g, (_m, p: string) => {
      const before = route.path.split(`/:${p}`)[0]!.split('/').pop()!;
      return id ?? idFor(before);
    });
  }

  const dto = (x: Type | typeof Object | undefined) => (x && x !== Object ? (x as Type) : undefined);

  /** Fields an untyped query (`@Query() q: unknown`) is tried with: every query field some DTO or handler of the app reads. */
  function anyQueryFields(): Field[] {
    const seen = new Map<string, Field>();
    for (const r of routes) for (const f of dto(r.query) ? fieldsOf(dto(r.query)!) : []) if (!seen.has(f.name)) seen.set(f.name, f);
    for (const r of routes)
      for (const k of r.queryKeys) if (!seen.has(k)) seen.set(k, { name: k, kind: 'text', each: false, optional: true });
    return [...seen.values()];
  }

  /**
   * Fields an untyped body (a page's form, `@Body() body: unknown`) is tried with: the fields of the form the
   * page shows at the same path (GET), as text.
   */
  async function formFields(route: AppRoute): Promise<Field[]> {
    if (!routes.some((r) => r.method === 'GET' && r.path === route.path)) return [];
    const html = (await t.http.get(pathWith(route))).text;
    const names = [...html.matchAll(/<(?:input|textarea|select)\b[^>]*\bname="([^"]+)"/g)].map((m) => m[1]!);
    return [...new Set(names)].map((name) => ({ name, kind: 'text' as const, each: false, optional: false, max: 200 }));
  }

  /** Body fields with one hostile value at a time, nested DTOs included (`ogpValues.transparency`). */
  function hostileBodies(fields: Field[], seed: number): { cls: HostileClass; what: string; body: Record<string, unknown> }[] {
    const out: { cls: HostileClass; what: string; body: Record<string, unknown> }[] = [];
    fields.forEach((f, i) => {
      const base = validBody(fields, idFor);
      for (const h of hostileValues(f, base[f.name], RUNS, seed + i * 10)) {
        out.push({
          cls: h.cls,
          what: `${f.name}=${JSON.stringify(h.value)?.slice(0, 60)}`,
          body: { ...validBody(fields, idFor), [f.name]: h.value },
        });
      }
      if (f.kind === 'nested' && f.nested) {
        for (const inner of hostileBodies(fieldsOf(f.nested), seed + i * 10 + 5)) {
          const body = validBody(fields, idFor);
          out.push({ ...inner, what: `${f.name}.${inner.what}`, body: { ...body, [f.name]: f.each ? [inner.body] : inner.body } });
        }
      }
    });
    return out;
  }

  async function casesFor(route: AppRoute, seed: number): Promise<Case[]> {
    const cases: Case[] = [];
    const { method } = route;
    const url = pathWith(route);
    const bodyDto = dto(route.body);
    const fields = bodyDto ? fieldsOf(bodyDto) : route.body && method !== 'GET' ? await formFields(route) : [];
    const valid = () => validBody(fields, idFor);

    // Ids in the path: each hostile id with an otherwise valid request.
    if (route.params.length)
      for (const id of hostileIds(RUNS, seed))
        cases.push({
          cls: 'id',
          what: `path id ${id.slice(0, 40)}`,
          method,
          url: pathWith(route, id),
          json: method === 'GET' ? undefined : valid(),
        });

    // Query strings: each field of the query DTO (or each key the handler reads), one hostile value at a time.
    const typed = !!dto(route.query);
    const queryFields = typed ? fieldsOf(dto(route.query)!) : route.query ? anyQueryFields() : [];
    for (const k of route.queryKeys) queryFields.push({ name: k, kind: 'text', each: false, optional: true });
    queryFields.forEach((f, i) => {
      for (const h of hostileQueryValues(f, RUNS, seed + 100 + i * 10, !typed)) {
        const q = new URLSearchParams();
        for (const v of [h.value].flat()) q.append(f.name, v);
        cases.push({ cls: h.cls, what: `?${f.name}=${JSON.stringify(h.value).slice(0, 60)}`, method, url: `${url}?${q}` });
      }
    });
    if (route.query || route.queryKeys.length)
      for (const q of ['__proto__=1', 'constructor=x', `x=${encodeURIComponent('\u202e')}`, 'x=%00'])
        cases.push({
          cls: q.includes('proto') || q.includes('constructor') ? 'proto-keys' : 'control',
          what: `?${q}`,
          method,
          url: `${url}?${q}`,
        });

    if (method === 'GET') return cases;

    // Bodies: one hostile field at a time, as JSON, and as a form for the pages (they take forms).
    for (const b of hostileBodies(fields, seed + 1000)) {
      cases.push({ cls: b.cls, what: b.what, method, url, json: b.body });
      if (!route.path.startsWith('/api/'))
        cases.push({ cls: b.cls, what: `form ${b.what}`, method, url, form: new URLSearchParams(formPairs(b.body)).toString() });
    }

    // Whole bodies, on every route that takes a body or not: none of these may reach a handler.
    // A valid body as JSON text after a leading `{` (fresh each time: per-account rate limits count the emails in bodies).
    const rest = () => {
      const json = JSON.stringify(valid());
      return json === '{}' ? '' : `,${json.slice(1)}`;
    };
    const json = JSON.stringify(valid());
    const withKey = (key: string) => `{${JSON.stringify(key)}:{"roles":["admin"],"prototype":{"isAdmin":true}}${rest()}`;
    const deepObject = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
    const deepArray = `${'['.repeat(40_000)}${']'.repeat(40_000)}`;
    cases.push(
      { cls: 'deep-json', what: 'object nested 5000 deep', method, url, raw: deepObject },
      { cls: 'deep-json', what: 'array nested 40000 deep', method, url, raw: deepArray },
      { cls: 'deep-json', what: 'a field nested 33 deep', method, url, json: { ...valid(), [fields[0]?.name ?? 'a']: deepValue(33) } },
      { cls: 'deep-json', what: 'form nested 40 deep', method, url, form: `${'a'}${'[a]'.repeat(40)}=1` },
      { cls: 'proto-keys', what: '__proto__ key', method, url, raw: withKey('__proto__') },
      { cls: 'proto-keys', what: 'constructor key', method, url, raw: withKey('constructor') },
      { cls: 'proto-keys', what: 'nested __proto__ key', method, url, raw: `{"x":{"__proto__":{"a":1}}${rest()}` },
      { cls: 'proto-keys', what: 'form __proto__ key', method, url, form: '__proto__[admin]=1&constructor[prototype][x]=1' },
      { cls: 'body-parser', what: 'malformed JSON', method, url, raw: '{"a":' },
      { cls: 'body-parser', what: 'JSON too large', method, url, raw: JSON.stringify({ a: 'x'.repeat(200_000) }) },
      {
        cls: 'body-parser',
        what: 'JSON in latin1',
        method,
        url,
        raw: '{}',
        headers: { 'Content-Type': 'application/json; charset=latin1' },
      },
      { cls: 'body-parser', what: 'unknown content encoding', method, url, raw: '{}', headers: { 'Content-Encoding': 'x-unknown' } },
      { cls: 'body-parser', what: 'gzip that is not', method, url, raw: 'not gzip', headers: { 'Content-Encoding': 'gzip' } },
      { cls: 'body-parser', what: 'top-level string', method, url, raw: '"x"' },
      { cls: 'body-parser', what: 'form with 2000 fields', method, url, form: [...Array(2000).keys()].map((i) => `f${i}=1`).join('&') },
      { cls: 'lone-surrogate', what: 'unknown key with a lone surrogate', method, url, raw: `{"\\ud800":"\\udc00x"${rest()}` },
    );
    // A body that a handler that takes one must refuse: nothing, or not JSON/a form.
    if (route.body)
      cases.push(
        { cls: 'body-parser', what: 'no body', method, url },
        { cls: 'body-parser', what: 'text/plain body', method, url, raw: json, headers: { 'Content-Type': 'text/plain' } },
        { cls: 'body-parser', what: 'top-level array', method, url, raw: `[${json}]` },
        { cls: 'body-parser', what: 'null', method, url, raw: 'null' },
        // Encodings body-parser decodes (an empty body then): refused by the handler's validation.
        {
          cls: 'body-parser',
          what: 'JSON in utf-7',
          method,
          url,
          raw: '{}',
          headers: { 'Content-Type': 'application/json; charset=utf-7' },
        },
        {
          cls: 'body-parser',
          what: 'form in latin1',
          method,
          url,
          raw: 'a=1',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=latin1' },
        },
      );
    return cases;
  }

  function formPairs(body: Record<string, unknown>, prefix = ''): [string, string][] {
    return Object.entries(body).flatMap(([k, v]): [string, string][] => {
      const key = prefix ? `${prefix}[${k}]` : k;
      if (v && typeof v === 'object') return formPairs(v as Record<string, unknown>, key);
      return [[key, String(v)]];
    });
  }

  function send(c: Case, signedIn: boolean): Test {
    let r = t.http[c.method.toLowerCase() as 'get'](c.url).set('X-Forwarded-For', freshIp());
    if (signedIn) r = r.set(auth(admin));
    if (c.json !== undefined) r = r.set('Content-Type', 'application/json').send(JSON.stringify(c.json));
    if (c.form !== undefined) r = r.set('Content-Type', 'application/x-www-form-urlencoded').send(c.form);
    if (c.raw !== undefined) r = r.set('Content-Type', 'application/json').send(c.raw);
    for (const [k, v] of Object.entries(c.headers ?? {})) r = r.set(k, v);
    return r;
  }

  /** Why an answer is wrong: not a 4xx, or a 4xx without the contract's error shape (JSON) or text (a page). */
  function judge(res: Response): string | null {
    if (res.status < 400 || res.status >= 500) return `${res.status} ${res.text.slice(0, 160)}`;
    if (res.type === 'application/json') {
      const b = res.body as { statusCode?: unknown; error?: unknown; message?: unknown };
      const hasMessage = typeof b.message === 'string' ? b.message.length > 0 : Array.isArray(b.message) && b.message.length > 0;
      if (b.statusCode !== res.status || typeof b.error !== 'string' || !hasMessage)
        return `${res.status} without the error shape: ${res.text.slice(0, 160)}`;
    } else if (!res.text?.trim()) return `${res.status} with an empty body`;
    return null;
  }

  /**
   * Tables that change with no request at all: the worker's heartbeat (`worker_instances`, beaten every few
   * seconds). Every other table must keep its checksum across refused requests.
   */
  const TICKING = new Set(['worker_instances']);

  /** A checksum of every table of the test database. */
  async function checksums(): Promise<Map<string, string>> {
    const tables = ((await t.ds.query('SHOW TABLES')) as Record<string, string>[])
      .map((r) => Object.values(r)[0]!)
      .filter((x) => !TICKING.has(x));
    const rows = (await t.ds.query(`CHECKSUM TABLE ${tables.map((x) => `\`${x}\``).join(', ')}`)) as { Table: string; Checksum: unknown }[];
    return new Map(rows.map((r) => [r.Table.split('.').pop()!, String(r.Checksum)]));
  }

  async function quiet(): Promise<Map<string, string>> {
    // The worker may still be settling what the set-up wrote: wait until two looks agree.
    let last = await checksums();
    for (let i = 0; i < 40; i++) {
      await new Promise((r) => setTimeout(r, 150));
      const now = await checksums();
      if ([...now].every(([k, v]) => last.get(k) === v)) return now;
      last = now;
    }
    return last;
  }

  async function pool<T>(items: T[], n: number, run: (x: T) => Promise<void>): Promise<void> {
    let next = 0;
    await Promise.all(
      Array.from({ length: n }, async () => {
        while (next < items.length) await run(items[next++]!);
      }),
    );
  }

  it('reads every route from the router and finds its handler', () => {
    expect(routes.length).toBeGreaterThan(30);
    const names = routes.map((r) => `${r.method} ${r.path}`);
    expect(names).toEqual(
      expect.arrayContaining(['POST /api/v1/proposals', 'PUT /api/v1/proposals/:id', 'GET /p/:id', 'POST /reset-password']),
    );
    const proposals = routes.find((r) => r.method === 'POST' && r.path === '/api/v1/proposals')!;
    expect(fieldsOf(proposals.body as Type).map((f) => f.name)).toEqual(expect.arrayContaining(['callId', 'title', 'ogpValues']));
  });

  it('answers every hostile input on every route with a 4xx and a message, and writes nothing', async () => {
    const failures: Failure[] = [];
    let sent = 0;
    let before = await quiet();
    for (const [i, route] of routes.entries()) {
      if (process.env.HOSTILE_ONLY && !`${route.method} ${route.path}`.includes(process.env.HOSTILE_ONLY)) continue;
      const cases = await casesFor(route, SEED + i * 10_000);
      // Pages have no signed-in state of their own (bearer tokens are for the JSON API): they are tried once.
      const page = !route.path.startsWith('/api/');
      const runs = cases.flatMap((c) =>
        page
          ? [{ c, signedIn: false }]
          : [
              { c, signedIn: true },
              { c, signedIn: false },
            ],
      );
      await pool(runs, CONCURRENCY, async ({ c, signedIn }) => {
        const res = await send(c, signedIn)
          .timeout(10_000)
          .catch((err: Error) => ({ status: 599, text: err.message, type: '', body: {} }) as unknown as Response);
        sent += 1;
        const why = judge(res);
        if (why)
          failures.push({
            cls: c.cls,
            route: `${route.method} ${route.path}`,
            what: `${signedIn ? 'admin' : 'anonymous'} ${c.what}`,
            got: why,
          });
      });
      process.stderr.write(`${new Date().toISOString()} ${route.method} ${route.path} ${runs.length} sent=${sent}\n`);
      const after = await checksums();
      const changed = [...after].filter(([k, v]) => before.get(k) !== v).map(([k]) => k);
      if (changed.length) {
        failures.push({
          cls: 'writes',
          route: `${route.method} ${route.path}`,
          what: `${cases.length} cases`,
          got: `changed ${changed.join(', ')}`,
        });
        before = await quiet();
      }
    }
    const tally = (fs: Failure[]) => fs.reduce<Record<string, number>>((acc, f) => ({ ...acc, [f.cls]: (acc[f.cls] ?? 0) + 1 }), {});
    const byClass = tally(failures);
    const serverErrors = failures.filter((f) => /^5\d\d /.test(f.got));
    if (failures.length) {
      const report = {
        seed: SEED,
        routes: routes.length,
        requests: sent,
        byClass,
        serverErrorsByClass: tally(serverErrors),
        serverErrors: serverErrors.map((f) => `${f.cls} | ${f.route} | ${f.what.slice(0, 90)} | ${f.got.slice(0, 100)}`),
        others: failures
          .filter((f) => !serverErrors.includes(f))
          .map((f) => `${f.cls} | ${f.route} | ${f.what.slice(0, 90)} | ${f.got.slice(0, 100)}`),
      };
      console.log(JSON.stringify(report, null, 1));
    }
    expect({ seed: SEED, failures: failures.length, byClass }).toEqual({ seed: SEED, failures: 0, byClass: {} });
    // The catalogue itself: some 4,400 requests over 53 routes when this was written.
    if (!process.env.HOSTILE_ONLY) expect(sent).toBeGreaterThan(3000);
  }, 240_000);

  it('text that passes validation fits its column: up to 200 code points are stored as sent (NFC, trimmed), more are refused', async () => {
    // Any code point but the ones every string refuses (controls, bidi controls) and line breaks (a one-line name),
    // mixed with the characters the old rule counted short: variation selectors, combining marks, astral ones.
    const unit = fc.oneof(
      fc
        .string({ unit: 'binary', minLength: 1, maxLength: 1 })
        .filter((c) => !/[\p{Cc}\u202A-\u202E\u2066-\u2069\u0085\u2028\u2029]/u.test(c)),
      fc.constantFrom('\uFE0F', '\u0301', 'e\u0301', '😀', '👍🏽', '字\uFE0F'),
    );
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(unit, { minLength: 1, maxLength: 150 }), fc.boolean(), async (parts, doubled) => {
        const name = (doubled ? parts.concat(parts) : parts).join('');
        const stored = name.normalize('NFC').trim();
        const code = `fits-${SEED}-${(n += 1)}`;
        const res = await t.http.post('/api/v1/agencies').set(auth(admin)).send({ code, nameZh: name, nameEn: 'Hostile input agency' });
        if (stored === '' || [...stored].length > 200) {
          expect(res.status).toBe(400);
          return;
        }
        expect(res.status).toBe(201);
        const [row] = (await t.ds.query('SELECT name_zh FROM agencies WHERE code = ?', [code])) as { name_zh: string }[];
        expect(row!.name_zh).toBe(stored);
      }),
      { numRuns: 30, seed: SEED },
    );
  });

  it('one-line fields refuse tabs and line breaks; multi-line text keeps them', async () => {
    for (const name of ['兩\n行', 'tab\there', 'line\u2028separator'])
      await t.http
        .post('/api/v1/agencies')
        .set(auth(admin))
        .send({ code: `line-${randomUUID().slice(0, 8)}`, nameZh: name, nameEn: 'Line test' })
        .expect(400);
    const reasoning = '第一段。\n\n\t第二段：\r\n- 一\n- 二';
    const proposal = await insertProposal(t.ds, { callId: fixtures.callId!, authorId: admin.id, status: 'assigned' });
    const draft = await insertResponse(t.ds, {
      proposalId: proposal,
      assignmentId: await insertAssignment(t.ds, { proposalId: proposal, agencyId: fixtures.agency! }),
      agencyId: fixtures.agency!,
      authorId: admin.id,
      status: 'draft',
    });
    await t.http.put(`/api/v1/responses/${draft}`).set(auth(admin)).send({ recommendation: 'adopt', reasoning }).expect(200);
    const [row] = (await t.ds.query('SELECT reasoning FROM proposal_responses WHERE id = ?', [draft])) as { reasoning: string }[];
    expect(row!.reasoning).toBe(reasoning.trim());
  });
});
