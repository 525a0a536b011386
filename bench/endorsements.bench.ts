// npm run bench — endorsements per second through the HTTP API, next to the raw limit of the same durable
// insert with plain mysql2, both at the same concurrency and in the same run (these machines are shared
// and noisy: only the ratio and the figures of one run belong together).
//
// It starts the built API (dist/) as its own process against a fresh database, creates the users and a
// proposal directly in the database, then drives the API with CONCURRENCY keep-alive clients.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { randomBytes, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import mysql from 'mysql2/promise';
import { Pool } from 'undici';
import { accessToken as signedToken, scratchDatabase } from '../test/harness/harness.ts';

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 64);
const ENDORSEMENTS = Number(process.env.BENCH_ENDORSEMENTS ?? 20_000);
const WARMUP = 3000;
const READERS = Number(process.env.BENCH_READERS ?? 4);
const API_WORKERS = Number(process.env.BENCH_API_WORKERS ?? 1);
/** Each reader pauses between reads: readers measure latency under the write load, they are not a second load. */
const READ_PAUSE_MS = 20;
const PORT = Number(process.env.BENCH_PORT ?? 3917);
const BASE_DB = process.env.BENCH_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/x';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

const { dbName, url: dbUrl, server } = scratchDatabase('bench', BASE_DB);
const jwtSecret = randomBytes(32).toString('hex');
const accessToken = (sub: string) => signedToken(jwtSecret, `http://127.0.0.1:${PORT}`, sub);

// undici: a lighter HTTP client than node:http, so the load generator takes less of the machine's two cores.
const agent = new Pool(`http://127.0.0.1:${PORT}`, { connections: CONCURRENCY + READERS + 4, pipelining: 1 });
async function call(method: 'GET' | 'POST', path: string, token?: string): Promise<{ status: number; body: string }> {
  const res = await agent.request({ method, path, headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.statusCode, body: await res.body.text() };
}

/** CPU seconds (user + system) a process has used so far; 0 when it cannot be read (another OS, another user). */
function cpuSeconds(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

function mariadbPid(): number | undefined {
  try {
    const out = execFileSync('pgrep', ['-o', '-x', 'mariadbd|mysqld'], { encoding: 'utf8' }).trim();
    return out ? Number(out) : undefined;
  } catch {
    return undefined;
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN;
}

async function startApi(): Promise<ChildProcess> {
  const profile = process.env.BENCH_CPU_PROFILE ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROFILE] : [];
  // The flags `npm start` gives the API (scripts/start.mjs), unless told otherwise.
  const nodeFlags = (process.env.BENCH_API_NODE_FLAGS ?? '--max-semi-space-size=64').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeFlags, ...profile, 'dist/apps/api/src/main.js'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(PORT),
      DATABASE_URL: dbUrl.toString(),
      REDIS_URL,
      JWT_SECRET: jwtSecret,
      SMTP_URL: 'smtp://127.0.0.1:9',
      PUBLIC_URL: `http://127.0.0.1:${PORT}`,
      LOG_LEVEL: 'warn',
      DEMO_DATA_ENABLED: 'false',
      QUEUE_PREFIX: dbName,
      API_WORKERS: String(API_WORKERS),
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const end = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await call('GET', '/health')).status === 200) return child;
    } catch {
      /* not up yet */
    }
    if (Date.now() > end || child.exitCode !== null) throw new Error('the API did not become healthy');
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function seed(pool: mysql.Pool, users: number): Promise<{ proposalId: string; rawProposalId: string; userIds: string[] }> {
  const now = new Date();
  const callId = randomUUID();
  await pool.query(
    `INSERT INTO calls (id, title_zh, title_en, opens_at, closes_at, endorsement_threshold, endorsement_days, response_days, route_to_suggested_agency, created_at, updated_at)
     VALUES (?, '壓力測試', 'Benchmark', ?, ?, 1000000, 60, 60, 1, ?, ?)`,
    [callId, now, new Date(now.getTime() + 86_400_000), now, now],
  );
  const userIds = Array.from({ length: users + 1 }, () => randomUUID());
  for (let i = 0; i < userIds.length; i += 1000) {
    const chunk = userIds.slice(i, i + 1000);
    await pool.query(
      `INSERT INTO users (id, email, email_canonical, password_hash, display_name, locale, email_verified_at, token_version, created_at, updated_at) VALUES ?`,
      [
        chunk.map((id, j) => [
          id,
          `bench${i + j}@example.org`,
          `bench${i + j}@example.org`,
          'x',
          `附議者${i + j}`,
          'zh-TW',
          now,
          0,
          now,
          now,
        ]),
      ],
    );
    await pool.query('INSERT INTO user_roles (user_id, role) VALUES ?', [chunk.map((id) => [id, 'citizen'])]);
  }
  const proposal = async () => {
    const id = randomUUID();
    await pool.query(
      `INSERT INTO proposals (id, call_id, author_id, status, title, summary, problem, solution, language, endorsement_threshold,
         endorsement_deadline, submitted_at, review_due_at, published_at, created_at, updated_at)
       VALUES (?, ?, ?, 'endorsing', '開放國會資料', '公開立法院會議紀錄與表決資料', '問題', '解方', 'zh-TW', 1000000, ?, ?, ?, ?, ?, ?)`,
      [id, callId, userIds[users], new Date(now.getTime() + 60 * 86_400_000), now, now, now, now, now],
    );
    return id;
  };
  return { proposalId: await proposal(), rawProposalId: await proposal(), userIds: userIds.slice(0, users) };
}

/** Drives `total` calls of `task` with `concurrency` loops; returns elapsed seconds and latencies in ms. */
async function drive(total: number, concurrency: number, task: (i: number) => Promise<void>) {
  let next = 0;
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < total; i = next++) {
        const t0 = performance.now();
        await task(i);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return { seconds: (performance.now() - started) / 1000, latencies: latencies.sort((a, b) => a - b) };
}

async function main(): Promise<void> {
  const admin = await mysql.createConnection(server);
  await admin.query(`CREATE DATABASE \`${dbName}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  let api: ChildProcess | undefined;
  const pool = mysql.createPool({ ...server, database: dbName, connectionLimit: CONCURRENCY, timezone: 'Z' });
  try {
    api = await startApi(); // migrates the database
    const { proposalId, rawProposalId, userIds } = await seed(pool, ENDORSEMENTS);
    const tokens = userIds.map(accessToken);

    // Warm-up: JIT, connection pools, buffer pool (on another proposal, with the first WARMUP users).
    await drive(WARMUP, CONCURRENCY, async (i) => {
      await call('POST', `/api/v1/proposals/${rawProposalId}/endorsements`, tokens[i]);
    });
    await pool.query('DELETE FROM endorsements WHERE proposal_id = ?', [rawProposalId]);

    // The raw limit: the same durable insert (one autocommitted row per endorsement) with plain mysql2,
    // at the same concurrency, half before and half after the API run.
    const rawInserts = (from: number, to: number) =>
      drive(to - from, CONCURRENCY, async (i) => {
        await pool.query('INSERT INTO endorsements (proposal_id, user_id, notify, created_at) VALUES (?, ?, 1, ?)', [
          rawProposalId,
          userIds[from + i],
          new Date(),
        ]);
      });
    const half = Math.floor(ENDORSEMENTS / 2);
    const rawBefore = await rawInserts(0, half);

    // Readers: proposal detail under the write load.
    let writing = true;
    const reads: number[] = [];
    const readers = Promise.all(
      Array.from({ length: READERS }, async () => {
        while (writing) {
          const t0 = performance.now();
          const r = await call('GET', `/api/v1/proposals/${proposalId}`);
          if (r.status !== 200) throw new Error(`detail answered ${r.status}`);
          reads.push(performance.now() - t0);
          await new Promise((r) => setTimeout(r, READ_PAUSE_MS));
        }
      }),
    );
    const statuses = new Map<number, number>();
    const questions = async () =>
      Number(((await pool.query("SHOW GLOBAL STATUS LIKE 'Questions'")) as unknown as [[{ Value: string }]])[0][0].Value);
    const q0 = await questions();
    const cpu0 = { bench: process.cpuUsage(), api: cpuSeconds(api.pid!), db: cpuSeconds(mariadbPid()) };
    const apiRun = await drive(ENDORSEMENTS, CONCURRENCY, async (i) => {
      const r = await call('POST', `/api/v1/proposals/${proposalId}/endorsements`, tokens[i]);
      statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
    });
    writing = false;
    const cpu = {
      bench: (process.cpuUsage(cpu0.bench).user + process.cpuUsage(cpu0.bench).system) / 1e6,
      api: cpuSeconds(api.pid!) - cpu0.api,
      db: cpuSeconds(mariadbPid()) - cpu0.db,
    };
    await readers;
    const statementsPerEndorsement = ((await questions()) - q0) / ENDORSEMENTS;
    reads.sort((a, b) => a - b);

    const detail = JSON.parse((await call('GET', `/api/v1/proposals/${proposalId}`)).body) as { endorsementCount: number };
    const [[rows]] = (await pool.query('SELECT COUNT(*) AS n FROM endorsements WHERE proposal_id = ?', [proposalId])) as unknown as [
      [{ n: number }],
    ];

    // The raw limit again, after the API run (the machine's speed drifts: the reference is both halves).
    const rawAfter = await rawInserts(half, ENDORSEMENTS);
    const rawRun = {
      seconds: rawBefore.seconds + rawAfter.seconds,
      latencies: [...rawBefore.latencies, ...rawAfter.latencies].sort((a, b) => a - b),
    };
    const apiRate = ENDORSEMENTS / apiRun.seconds;
    const rawRate = ENDORSEMENTS / rawRun.seconds;
    const ok = statuses.get(201) === ENDORSEMENTS && detail.endorsementCount === ENDORSEMENTS && Number(rows.n) === ENDORSEMENTS;
    const f = (n: number) => n.toFixed(1);
    console.log(`
endorsements: ${ENDORSEMENTS} by distinct verified users, ${CONCURRENCY} concurrent clients, ${READERS} readers
  API  POST /proposals/{id}/endorsements        ${Math.round(apiRate)}/s   p50 ${f(percentile(apiRun.latencies, 50))} ms   p99 ${f(percentile(apiRun.latencies, 99))} ms
  raw  mysql2 INSERT (autocommit, before+after) ${Math.round(rawRate)}/s   p50 ${f(percentile(rawRun.latencies, 50))} ms   p99 ${f(percentile(rawRun.latencies, 99))} ms
  API / raw                                      ${Math.round((100 * apiRate) / rawRate)}%
  GET /proposals/{id} under that load            ${reads.length} reads   p50 ${f(percentile(reads, 50))} ms   p99 ${f(percentile(reads, 99))} ms
  CPU during the API run (s of ${f(apiRun.seconds)} s wall, 2 cores): API ${f(cpu.api)}, database ${f(cpu.db)}, load generator ${f(cpu.bench)}
  database statements per endorsement (all clients, readers included): ${statementsPerEndorsement.toFixed(2)}
  statuses ${JSON.stringify(Object.fromEntries(statuses))}; count via API ${detail.endorsementCount}, rows ${rows.n}: ${ok ? 'exact' : 'WRONG'}
`);
    if (!ok) process.exitCode = 1;
  } finally {
    api?.kill('SIGTERM');
    await pool.end();
    await admin.query(`DROP DATABASE IF EXISTS \`${dbName}\``);
    await admin.end();
    await agent.close();
  }
}

await main();
