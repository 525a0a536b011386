// npm run bench:export — the open-data exports (`GET /api/v1/export/proposals.{csv,json}`) of 100,000 published
// proposals with responses and decisions, through the HTTP API of the built app in its own process, next to a raw
// mysql2 streamed SELECT of the same rows written to /dev/null (the raw limit), in the same run; and the statistics
// of that call (`GET /api/v1/statistics?callId=`): computed by the database (a new filter each request, as with the
// cache off) and served (one filter, from memory). Prints figures; asserts nothing about timings.
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createWriteStream, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import mysql from 'mysql2';
import mysqlp from 'mysql2/promise';
import { Pool } from 'undici';
import { DATASETS } from '#domain';
import { freePort, insertCallAndAuthor, scratchDatabase, startApi } from '../test/harness/harness.ts';

const PROPOSALS = Number(process.env.BENCH_PROPOSALS ?? 100_000);
const STATISTICS_REQUESTS = Number(process.env.BENCH_STATISTICS_REQUESTS ?? 100);
const COMPUTED_REQUESTS = Number(process.env.BENCH_COMPUTED_REQUESTS ?? 20);
const BASE_DB = process.env.BENCH_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/x';
const DAY = 86_400_000;

const { dbName, url: dbUrl, server } = scratchDatabase('bench_export', BASE_DB);

/** The API process's resident set and its high-water mark, in bytes (Linux /proc). */
function memoryOf(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
const uuid = (i: number, kind: number) => `00000000-0000-7000-${(0x8000 + kind).toString(16)}-${i.toString(16).padStart(12, '0')}`;

async function seed(pool: mysqlp.Pool): Promise<string> {
  const now = new Date();
  const [agencyRows] = (await pool.query('SELECT id FROM agencies ORDER BY code LIMIT 8')) as unknown as [{ id: string }[]];
  const agencies = agencyRows.map((a) => a.id);
  if (!agencies.length) throw new Error('no agencies: the API should have loaded them on start');
  const { callId, authorId } = await insertCallAndAuthor(pool, '匯出測試', 'Export benchmark');
  const meetingId = randomUUID();
  await pool.query(
    `INSERT INTO meetings (id, number, held_on, title_zh, created_by, created_at, updated_at) VALUES (?, 8, '2026-01-18', '第8次會議', ?, ?, ?)`,
    [meetingId, authorId, now, now],
  );
  const STATUSES = ['decided', 'decided', 'decided', 'decided', 'responded', 'responded', 'assigned', 'endorsing', 'endorsing', 'expired'];
  const OUTCOMES = ['adopted', 'conditionally_adopted', 'not_adopted'];
  const RECOMMENDATIONS = ['adopt', 'partially_adopt', 'not_adopt'];
  for (let i = 0; i < PROPOSALS; i += 2000) {
    const proposals = [];
    const assignments = [];
    const responses = [];
    const decisions = [];
    for (let j = i; j < Math.min(i + 2000, PROPOSALS); j++) {
      const status = STATUSES[j % STATUSES.length]!;
      const published = new Date(now.getTime() - 200 * DAY + (j % 1000) * 60_000);
      const held = ['decided', 'responded', 'assigned'].includes(status);
      const qualified = held ? new Date(published.getTime() + ((j % 37) + 1) * DAY) : null;
      const id = uuid(j, 0);
      proposals.push([
        id,
        callId,
        authorId,
        status,
        `第${j}號提案：推動開放資料與公民參與`,
        '本提案建議建立跨機關的資料開放機制，並公開相關資料，讓公民可以參與政策形成。',
        '目前各機關資料格式不一、更新頻率不明，民眾難以取得與再利用，也無法監督政策執行情形。'.repeat(3),
        '訂定共通資料標準，定期公開並建立回饋管道。'.repeat(3),
        'zh-TW',
        5000,
        published,
        published,
        published,
        published,
        qualified,
        published,
        now,
      ]);
      if (!held) continue;
      const agency = agencies[j % agencies.length]!;
      const assigned = new Date(qualified!.getTime() + DAY);
      const answered = status === 'assigned' ? null : new Date(assigned.getTime() + ((j % 90) + 1) * DAY);
      const due = new Date(assigned.getTime() + 60 * DAY);
      assignments.push([uuid(j, 1), id, agency, 'lead', answered ? 'answered' : 'open', assigned, due, due, answered, assigned, now]);
      if (!answered) continue;
      responses.push([
        uuid(j, 2),
        id,
        uuid(j, 1),
        agency,
        'lead',
        'published',
        RECOMMENDATIONS[j % 3],
        '本部已規劃於明年度辦理公民參與工作坊，惟涉及預算部分需另案研議。',
        authorId,
        due,
        answered,
        answered,
        now,
      ]);
      if (status === 'decided')
        decisions.push([
          uuid(j, 3),
          id,
          meetingId,
          OUTCOMES[j % 3],
          'consensus',
          '經討論達成共識，採納並納入行動方案。',
          12,
          authorId,
          now,
          now,
          now,
        ]);
    }
    await pool.query(
      `INSERT INTO proposals (id, call_id, author_id, status, title, summary, problem, solution, language, endorsement_threshold,
         endorsement_deadline, submitted_at, review_due_at, published_at, qualified_at, created_at, updated_at) VALUES ?`,
      [proposals],
    );
    if (assignments.length)
      await pool.query(
        `INSERT INTO proposal_assignments (id, proposal_id, agency_id, role, status, assigned_at, due_at, original_due_at, answered_at, created_at, updated_at) VALUES ?`,
        [assignments],
      );
    if (responses.length)
      await pool.query(
        `INSERT INTO proposal_responses (id, proposal_id, assignment_id, agency_id, role, status, recommendation, reasoning, author_id, due_at, published_at, created_at, updated_at) VALUES ?`,
        [responses],
      );
    if (decisions.length)
      await pool.query(
        `INSERT INTO decisions (id, proposal_id, meeting_id, outcome, method, reasoning, attendees, decided_by, decided_at, created_at, updated_at) VALUES ?`,
        [decisions],
      );
  }
  await pool.query('ANALYZE TABLE proposals, proposal_assignments, proposal_responses, decisions');
  return callId;
}

/** The raw limit: the same SELECT as the proposals export, streamed by mysql2 in one statement, each row as JSON to /dev/null. */
async function rawSelect(): Promise<{ rows: number; ms: number }> {
  const d = DATASETS.find((x) => x.name === 'proposals')!;
  const sql = `SELECT ${d.columns.map((c) => `${c.sql} AS ${c.name}`).join(', ')} FROM ${d.from} WHERE ${d.where.sql} ORDER BY ${d.columns[0]!.sql}`;
  const conn = mysql.createConnection({ ...server, database: dbName, timezone: 'Z', supportBigNumbers: true });
  let rows = 0;
  const started = performance.now();
  try {
    await pipeline(
      conn.query(sql, d.where.params).stream({ highWaterMark: 500 }),
      new Transform({
        writableObjectMode: true,
        transform(row: object, _enc, done) {
          rows += 1;
          done(null, `${JSON.stringify(row)}\n`);
        },
      }),
      createWriteStream('/dev/null'),
    );
  } finally {
    conn.end();
  }
  return { rows, ms: performance.now() - started };
}

/** Downloads `path` from the API, discarding the bytes, sampling the API process's resident set meanwhile. */
async function apiExport(http: Pool, pid: number, path: string) {
  const before = memoryOf(pid).rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, memoryOf(pid).rss)), 25);
  const started = performance.now();
  const res = await http.request({ path, method: 'GET' });
  let bytes = 0;
  let lines = 0;
  for await (const chunk of res.body as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) lines += 1;
  }
  const ms = performance.now() - started;
  clearInterval(sampler);
  peak = Math.max(peak, memoryOf(pid).rss);
  return { status: res.statusCode, bytes, lines, ms, growth: peak - before, hwm: memoryOf(pid).hwm };
}

async function main(): Promise<void> {
  const admin = await mysqlp.createConnection(server);
  await admin.query(`CREATE DATABASE \`${dbName}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const pool = mysqlp.createPool({ ...server, database: dbName, connectionLimit: 4, timezone: 'Z' });
  const port = Number(process.env.BENCH_PORT ?? (await freePort()));
  const http = new Pool(`http://127.0.0.1:${port}`, { connections: 4, bodyTimeout: 0, headersTimeout: 0 });
  let api: ChildProcess | undefined;
  try {
    api = await startApi({ port, databaseUrl: dbUrl.toString(), queuePrefix: dbName });

    const t0 = performance.now();
    const callId = await seed(pool);
    const [[counts]] = (await pool.query(
      `SELECT (SELECT COUNT(*) FROM proposals) AS proposals, (SELECT COUNT(*) FROM proposal_responses) AS responses,
              (SELECT COUNT(*) FROM decisions) AS decisions`,
    )) as unknown as [[{ proposals: number; responses: number; decisions: number }]];
    console.log(
      `seeded ${counts.proposals} published proposals, ${counts.responses} responses, ${counts.decisions} decisions in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
    );

    const pid = api.pid!;
    const startRss = memoryOf(pid).rss;
    console.log(`API process ${pid}: resident ${mb(startRss)} after start-up and seeding`);
    const raw = await rawSelect();
    const rawRate = raw.rows / (raw.ms / 1000);
    const lines = [
      `  raw mysql2 streamed SELECT → /dev/null   ${raw.rows} rows in ${(raw.ms / 1000).toFixed(2)} s = ${rawRate.toFixed(0)} rows/s`,
    ];
    for (const [what, path, header] of [
      ['CSV', '/api/v1/export/proposals.csv', 1],
      ['JSON', '/api/v1/export/proposals.json', 0],
      ['NDJSON', '/api/v1/export/proposals.json?format=ndjson', 0],
    ] as const) {
      const r = await apiExport(http, pid, path);
      const rows = what === 'JSON' ? raw.rows : r.lines - header;
      const rate = rows / (r.ms / 1000);
      lines.push(
        `  API ${what.padEnd(6)} ${String(r.status)} ${mb(r.bytes).padStart(9)}  ${rows} rows in ${(r.ms / 1000).toFixed(2)} s = ${rate.toFixed(0)} rows/s ` +
          `(${((rate / rawRate) * 100).toFixed(0)}% of raw)   API resident set grew ${mb(r.growth)} during it; peak ${mb(r.hwm - startRss)} above start-up (VmHWM ${mb(r.hwm)})`,
      );
    }
    console.log(
      `\nexport of ${PROPOSALS} published proposals (one row each, with counts, agencies, response and decision):\n${lines.join('\n')}`,
    );

    const c0 = performance.now();
    const cat = await http.request({ path: '/api/v1/export', method: 'GET' });
    const rows = (JSON.parse(await cat.body.text()) as { datasets: { name: string; rows: number }[] }).datasets.map(
      (d) => `${d.name} ${d.rows}`,
    );
    console.log(
      `\ncatalogue (GET /api/v1/export: row counts and last update of every dataset) in ${(performance.now() - c0).toFixed(0)} ms: ${rows.join(', ')}`,
    );

    // Computed: each request a filter of its own (a `from` long before any proposal), so none is served from memory:
    // what every request costs with the cache off (STATISTICS_CACHE_SECONDS=0), and a new filter's first request.
    const computed: number[] = [];
    for (let k = 0; k < COMPUTED_REQUESTS + 1; k++) {
      const s = performance.now();
      const from = new Date(Date.UTC(2000, 0, 1, 0, 0, k)).toISOString();
      const r = await http.request({ path: `/api/v1/statistics?callId=${callId}&from=${from}`, method: 'GET' });
      await r.body.text();
      if (k > 0) computed.push(performance.now() - s);
    }
    computed.sort((a, b) => a - b);
    const times: number[] = [];
    let body = '';
    for (let k = 0; k < STATISTICS_REQUESTS + 1; k++) {
      const s = performance.now();
      const r = await http.request({ path: `/api/v1/statistics?callId=${callId}`, method: 'GET' });
      body = await r.body.text();
      if (r.statusCode !== 200) throw new Error(`statistics answered ${r.statusCode}: ${body.slice(0, 200)}`);
      if (k >= 1) times.push(performance.now() - s);
    }
    times.sort((a, b) => a - b);
    const q = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.ceil(p * xs.length) - 1)]!.toFixed(1);
    const call = (JSON.parse(body) as { calls: { proposals: number; medianDaysToQualify: number; medianDaysToAnswer: number }[] })
      .calls[0]!;
    console.log(
      `\nstatistics of that call (${call.proposals} proposals; median days to qualify ${call.medianDaysToQualify}, to answer ${call.medianDaysToAnswer}):\n` +
        `  computed by the database (cache not used: a new filter each time, ${computed.length} sequential requests): ` +
        `p50 ${q(computed, 0.5)} ms, p95 ${q(computed, 0.95)} ms, max ${q(computed, 1)} ms\n` +
        `  served (${STATISTICS_REQUESTS} sequential requests of one filter, recomputed in the background every STATISTICS_CACHE_SECONDS): ` +
        `p50 ${q(times, 0.5)} ms, p95 ${q(times, 0.95)} ms, max ${q(times, 1)} ms\n`,
    );
  } finally {
    api?.kill('SIGTERM');
    await http.close();
    await pool.end();
    await admin.query(`DROP DATABASE IF EXISTS \`${dbName}\``);
    await admin.end();
  }
}

await main();
