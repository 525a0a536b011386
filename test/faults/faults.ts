// npm run faults — endorsements under faults: the database must stay the truth.
//
// Starts its own Redis (no persistence), its own SMTP server (that can refuse), and the built API and worker as
// separate processes against a fresh database. It seeds verified users and proposals with a threshold of 50,
// drives endorsements at a steady rate over all proposals at once, and during the load:
//   - kills the worker (SIGKILL) and starts it again,
//   - kills Redis and starts it again without its data,
//   - makes SMTP refuse every mail with 451 for a while,
//   - kills the API (SIGKILL) and starts it again (clients retry until they get an answer).
// Then it waits (bounded) for the work to finish and prints the figures: endorsements accepted vs rows vs counts,
// proposals qualified once and routed once, every expected mail delivered exactly once, and the outbox and mail
// rows left undone. Every defect figure must be 0; the exit code says whether they all are.
//
// FAULTS_SHORT=1 runs the short form (CI): fewer proposals and endorsements, a shorter SMTP refusal.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { createWriteStream, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue } from 'bullmq';
import mysql from 'mysql2/promise';
import { SMTPServer } from 'smtp-server';
import { Pool } from 'undici';
import { RedisProcess, accessToken as signedToken, freePort, scratchDatabase } from '../harness/harness.ts';

const SHORT = process.env.FAULTS_SHORT === '1';
const PROPOSALS = Number(process.env.FAULTS_PROPOSALS ?? (SHORT ? 20 : 60));
const THRESHOLD = 50;
/** Endorsers tried per proposal: between these, so most proposals qualify and some stay below the threshold. */
const TRIES = SHORT ? [40, 80] : [40, 95];
const RATE = Number(process.env.FAULTS_RATE ?? (SHORT ? 120 : 110)); // endorsement attempts started per second
const CONCURRENCY = 32;
const SMTP_REFUSAL_MS = SHORT ? 10_000 : 30_000;
const WAIT_MS = Number(process.env.FAULTS_WAIT_MS ?? (SHORT ? 150_000 : 300_000));
const STAFF = 2;
const BASE_DB = process.env.FAULTS_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/x';

const { runId, dbName, url: dbUrl, server } = scratchDatabase('faults', BASE_DB);
const jwtSecret = randomBytes(32).toString('hex');
const logDir = mkdtempSync(join(tmpdir(), 'faults-'));
const started = Date.now();
const say = (msg: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s] ${msg}`);

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 60_000, everyMs = 200): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      /* not there yet */
    }
    if (Date.now() > end) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(everyMs);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// ---------------------------------------------------------------------------------------------------------------
// SMTP that counts deliveries by the X-Mail-Id header every mail carries, and can refuse with 451.
class Smtp {
  readonly deliveries = new Map<string, number>();
  refused = 0;
  refusing = false;
  private server: SMTPServer | undefined;
  port = 0;
  async start(): Promise<void> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, _session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          if (this.refusing) {
            this.refused += 1;
            callback(Object.assign(new Error('Temporary failure, try again later'), { responseCode: 451 }));
            return;
          }
          const raw = Buffer.concat(chunks).toString('utf8');
          const head = raw.slice(0, raw.search(/\r?\n\r?\n/));
          const id = /^X-Mail-Id:\s*(\S+)/im.exec(head)?.[1] ?? '(none)';
          this.deliveries.set(id, (this.deliveries.get(id) ?? 0) + 1);
          callback();
        });
      },
    });
    this.port = await freePort();
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(this.port, '127.0.0.1', () => resolve());
    });
  }
  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The API and the worker, each its own process, logging to files.
const apiPort = await freePort();
const redis = new RedisProcess(await freePort());
const smtp = new Smtp();

function appEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(apiPort),
    DATABASE_URL: dbUrl.toString(),
    REDIS_URL: redis.url,
    SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
    PUBLIC_URL: `http://127.0.0.1:${apiPort}`,
    JWT_SECRET: jwtSecret,
    LOG_LEVEL: 'warn',
    DEMO_DATA_ENABLED: 'false',
    QUEUE_PREFIX: dbName,
    // Short waits, so the run ends in minutes: retries from 500 ms, re-checks of undone jobs from 5 s.
    QUEUE_BACKOFF_BASE_MS: '500',
    QUEUE_OUTBOX_RECHECK_MS: '5000',
    QUEUE_OUTBOX_RECHECK_MAX_MS: '20000',
  };
}

class AppProcess {
  private proc: ChildProcess | undefined;
  private starts = 0;
  readonly name: string;
  private readonly args: string[];
  constructor(name: string, args: string[]) {
    this.name = name;
    this.args = args;
  }
  start(): void {
    this.starts += 1;
    const log = createWriteStream(join(logDir, `${this.name}.${this.starts}.log`));
    this.proc = spawn(process.execPath, this.args, { env: appEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    this.proc.stdout!.pipe(log);
    this.proc.stderr!.pipe(log);
  }
  get pid(): number | undefined {
    return this.proc?.pid;
  }
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const p = this.proc;
    if (!p || p.exitCode !== null || p.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      p.once('exit', () => resolve());
      p.kill(signal);
    });
  }
}

const api = new AppProcess('api', ['--max-semi-space-size=64', 'dist/apps/api/src/main.js']);
const worker = new AppProcess('worker', ['dist/apps/worker/src/main.js']);
const http = new Pool(`http://127.0.0.1:${apiPort}`, { connections: CONCURRENCY + 4, pipelining: 1 });

async function healthy(): Promise<boolean> {
  const res = await http.request({ method: 'GET', path: '/health' });
  await res.body.text();
  return res.statusCode === 200;
}

/** Both of the worker's BullMQ workers (mail, proposals) are connected to Redis. */
async function workerReady(): Promise<boolean> {
  const queues = ['mail', 'proposals'].map((name) => new Queue(name, { connection: { url: redis.url }, prefix: dbName }));
  try {
    const counts = await Promise.all(queues.map((q) => q.getWorkersCount()));
    return counts.every((n) => n > 0);
  } finally {
    await Promise.all(queues.map((q) => q.close()));
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Data: verified users, one agency with staff, a call and its proposals, written straight to the database.
const accessToken = (sub: string) => signedToken(jwtSecret, `http://127.0.0.1:${apiPort}`, sub);

interface Seeded {
  proposalIds: string[];
  authorIds: Map<string, string>;
  userIds: string[];
  agencyId: string;
}

async function insertUsers(db: mysql.Pool, tag: string, n: number, extra: { role?: string; agencyId?: string } = {}): Promise<string[]> {
  const now = new Date();
  const ids = Array.from({ length: n }, () => randomUUID());
  const columns = (await db.query("SHOW COLUMNS FROM users LIKE 'email_canonical'")) as unknown as [unknown[]];
  const canonical = columns[0].length > 0;
  for (let i = 0; i < ids.length; i += 1000) {
    const chunk = ids.slice(i, i + 1000);
    const rows = chunk.map((id, j) => {
      const email = `${tag}${i + j}.${runId}@example.org`;
      return [
        id,
        email,
        ...(canonical ? [email] : []),
        'x',
        `${tag}${i + j}`,
        j % 5 === 0 ? 'en' : 'zh-TW',
        now,
        extra.agencyId ?? null,
        0,
        now,
        now,
      ];
    });
    await db.query(
      `INSERT INTO users (id, email, ${canonical ? 'email_canonical, ' : ''}password_hash, display_name, locale, email_verified_at, agency_id,
         token_version, created_at, updated_at) VALUES ?`,
      [rows],
    );
    await db.query('INSERT INTO user_roles (user_id, role) VALUES ?', [chunk.map((id) => [id, extra.role ?? 'citizen'])]);
  }
  return ids;
}

async function seed(db: mysql.Pool, users: number): Promise<Seeded> {
  const now = new Date();
  const [[agency]] = (await db.query('SELECT id FROM agencies ORDER BY code LIMIT 1')) as unknown as [[{ id: string }]];
  await insertUsers(db, 'staff', STAFF, { role: 'agency_staff', agencyId: agency.id });
  const authors = await insertUsers(db, 'author', PROPOSALS);
  const userIds = await insertUsers(db, 'endorser', users);
  const callId = randomUUID();
  await db.query(
    `INSERT INTO calls (id, title_zh, title_en, opens_at, closes_at, endorsement_threshold, endorsement_days, response_days,
       route_to_suggested_agency, created_at, updated_at) VALUES (?, '故障演練', 'Fault drill', ?, ?, ?, 60, 60, 1, ?, ?)`,
    [callId, now, new Date(now.getTime() + 30 * 86_400_000), THRESHOLD, now, now],
  );
  const proposalIds: string[] = [];
  const authorIds = new Map<string, string>();
  for (const [i, authorId] of authors.entries()) {
    const id = randomUUID();
    await db.query(
      `INSERT INTO proposals (id, call_id, author_id, status, title, summary, problem, solution, language, endorsement_threshold,
         endorsement_deadline, submitted_at, review_due_at, published_at, created_at, updated_at)
       VALUES (?, ?, ?, 'endorsing', ?, '演練用提案', '問題', '解方', 'zh-TW', ?, ?, ?, ?, ?, ?, ?)`,
      [id, callId, authorId, `故障演練提案 ${i + 1}`, THRESHOLD, new Date(now.getTime() + 60 * 86_400_000), now, now, now, now, now],
    );
    await db.query('INSERT INTO proposal_agencies (proposal_id, agency_id, position) VALUES (?, ?, 0)', [id, agency.id]);
    proposalIds.push(id);
    authorIds.set(id, authorId);
  }
  return { proposalIds, authorIds, userIds, agencyId: agency.id };
}

// ---------------------------------------------------------------------------------------------------------------
// The load: every attempt is retried until it gets an answer (the API may be down), as a client would.
interface Tally {
  accepted: Set<string>;
  /** Answers that took one request (no retry): when the request started and how long it took, in ms. */
  latencies: { at: number; ms: number }[];
  refused: number;
  serverErrors: number;
  unexpected: Map<number, number>;
  connectionErrors: number;
}

async function endorse(proposalId: string, userId: string, token: string, tally: Tally): Promise<void> {
  const at = Date.now();
  if ((await endorseUntilAnswered(proposalId, userId, token, tally)) === 1) tally.latencies.push({ at, ms: Date.now() - at });
}

/** Asks until it gets an answer; returns how many requests that took. */
async function endorseUntilAnswered(proposalId: string, userId: string, token: string, tally: Tally): Promise<number> {
  for (let tries = 1; ; tries++) {
    try {
      const res = await http.request({
        method: 'POST',
        path: `/api/v1/proposals/${proposalId}/endorsements`,
        headers: { authorization: `Bearer ${token}` },
        headersTimeout: 30_000,
        bodyTimeout: 30_000,
      });
      await res.body.text();
      if (res.statusCode === 201 || res.statusCode === 200) {
        tally.accepted.add(`${proposalId}:${userId}`);
        return tries;
      }
      if (res.statusCode === 422) {
        tally.refused += 1; // the proposal qualified meanwhile: no longer open for endorsement
        return tries;
      }
      if (res.statusCode >= 500) tally.serverErrors += 1;
      else {
        tally.unexpected.set(res.statusCode, (tally.unexpected.get(res.statusCode) ?? 0) + 1);
        if (res.statusCode !== 429) return tries;
      }
    } catch {
      tally.connectionErrors += 1; // the API is down, or died mid-request: ask again
    }
    await sleep(200);
  }
}

async function drive(attempts: [string, number][], seeded: Seeded, tokens: string[], tally: Tally): Promise<void> {
  let next = 0;
  const t0 = Date.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let i = next++; i < attempts.length; i = next++) {
        const due = t0 + (i / RATE) * 1000;
        if (due > Date.now()) await sleep(due - Date.now());
        const [proposalId, u] = attempts[i]!;
        await endorse(proposalId, seeded.userIds[u]!, tokens[u]!, tally);
      }
    }),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// The figures, read from the database and the SMTP server's tally.
interface Figures {
  lines: [string, number | string, boolean][]; // label, value, whether it is a defect count (must be 0)
  /** No work left to wait for: every job done, every mail sent, the schedules back (defects may remain). */
  settled: boolean;
}

/** When Redis was down during the load. */
const redisDown = { from: 0, to: 0 };

function p99(ms: number[]): string {
  const sorted = [...ms].sort((a, b) => a - b);
  return sorted.length ? `${sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))]} ms` : '-';
}

async function deadlocks(db: mysql.Pool): Promise<number> {
  const [[row]] = (await db.query("SHOW GLOBAL STATUS LIKE 'Innodb_deadlocks'")) as unknown as [[{ Value: string } | undefined]];
  return Number(row?.Value ?? 0);
}

async function figures(db: mysql.Pool, seeded: Seeded, tally: Tally, deadlocksBefore: number): Promise<Figures> {
  const q = async <T>(sql: string, params: unknown[] = []) => ((await db.query(sql, params)) as unknown as [T[]])[0];
  const rows = await q<{ proposal_id: string; user_id: string }>('SELECT proposal_id, user_id FROM endorsements');
  const rowKeys = new Set(rows.map((r) => `${r.proposal_id}:${r.user_id}`));
  const perProposal = new Map<string, number>();
  for (const r of rows) perProposal.set(r.proposal_id, (perProposal.get(r.proposal_id) ?? 0) + 1);
  const counted = new Map(
    (
      await q<{ proposal_id: string; n: string }>('SELECT proposal_id, SUM(n) AS n FROM proposal_endorsement_counts GROUP BY proposal_id')
    ).map((r) => [r.proposal_id, Number(r.n)]),
  );
  const acceptedWithoutRow = [...tally.accepted].filter((k) => !rowKeys.has(k)).length;
  const rowsNotAcknowledged = [...rowKeys].filter((k) => !tally.accepted.has(k)).length;
  const countOff = seeded.proposalIds.filter((p) => (counted.get(p) ?? 0) !== (perProposal.get(p) ?? 0)).length;

  const reached = seeded.proposalIds.filter((p) => (perProposal.get(p) ?? 0) >= THRESHOLD);
  const events = new Map<string, number>();
  for (const r of await q<{ k: string; n: string }>(
    "SELECT CONCAT(proposal_id, ':', type) AS k, COUNT(*) AS n FROM proposal_events WHERE type IN ('qualified', 'routed_to_triage') GROUP BY k",
  ))
    events.set(r.k, Number(r.n));
  const leads = new Map(
    (
      await q<{ proposal_id: string; n: string }>(
        "SELECT proposal_id, COUNT(*) AS n FROM proposal_assignments WHERE role = 'lead' GROUP BY proposal_id",
      )
    ).map((r) => [r.proposal_id, Number(r.n)]),
  );
  const qualifiedNotOnce = reached.filter((p) => events.get(`${p}:qualified`) !== 1).length;
  const qualifiedBelow = seeded.proposalIds.filter((p) => (perProposal.get(p) ?? 0) < THRESHOLD && events.has(`${p}:qualified`)).length;
  const routedNotOnce = reached.filter((p) => (leads.get(p) ?? 0) + (events.get(`${p}:routed_to_triage`) ?? 0) !== 1).length;

  // Expected mail: to each qualified proposal's author and each of its endorsers ('proposal.qualified'), and to
  // each staff member of the agency it was assigned to ('assignment.new').
  const inDoubt = (await q<unknown>("SHOW COLUMNS FROM mail_messages LIKE 'in_doubt_at'")).length ? 'in_doubt_at' : 'NULL';
  const mails = await q<{
    id: string;
    template: string;
    user_id: string | null;
    url: string | null;
    status: string;
    in_doubt: Date | null;
  }>(`SELECT id, template, user_id, JSON_UNQUOTE(JSON_EXTRACT(params, '$.url')) AS url, status, ${inDoubt} AS in_doubt FROM mail_messages`);
  const have = new Set(mails.map((m) => `${m.template}:${(m.url ?? '').split('/p/')[1] ?? ''}:${m.user_id}`));
  const staff = await q<{ id: string }>('SELECT id FROM users WHERE agency_id = ?', [seeded.agencyId]);
  const expected: string[] = [];
  for (const p of reached) {
    expected.push(`proposal.qualified:${p}:${seeded.authorIds.get(p)}`);
    for (const r of rows) if (r.proposal_id === p) expected.push(`proposal.qualified:${p}:${r.user_id}`);
    if (leads.get(p)) for (const s of staff) expected.push(`assignment.new:${p}:${s.id}`);
  }
  const missingRows = expected.filter((k) => !have.has(k)).length;
  const notSent = mails.filter((m) => m.status !== 'sent').length;
  const deliveredNever = mails.filter((m) => m.status === 'sent' && !smtp.deliveries.has(m.id)).length;
  // SMTP cannot be asked whether a mail arrived: a worker killed between the server's acceptance and its record of
  // it leaves the mail in doubt, and the next attempt sends it again with the same Message-ID (marked in_doubt_at).
  const twice = mails.filter((m) => (smtp.deliveries.get(m.id) ?? 0) > 1);
  const duplicates = twice.filter((m) => !m.in_doubt).length;
  const resentInDoubt = twice.length - duplicates;
  const strangers = [...smtp.deliveries.keys()].filter((id) => !mails.some((m) => m.id === id)).length;

  const doneColumn = (
    (await q<unknown>("SHOW COLUMNS FROM outbox_messages LIKE 'done_at'")).length ? 'done_at' : 'dispatched_at'
  ) as string;
  const [outbox] = await q<{ n: string }>(`SELECT COUNT(*) AS n FROM outbox_messages WHERE ${doneColumn} IS NULL`);
  const undoneMail = mails.filter((m) => m.status === 'pending' || m.status === 'sending').length;
  const failedMail = mails.filter((m) => m.status === 'failed').length;

  const schedulers = await (async () => {
    const queue = new Queue('proposals', { connection: { url: redis.url }, prefix: dbName });
    try {
      return (await queue.getJobSchedulers()).length;
    } finally {
      await queue.close();
    }
  })();

  const lines: Figures['lines'] = [
    ['endorsements accepted (201/200)', tally.accepted.size, false],
    ['endorsement rows', rows.length, false],
    ['endorsements counted', [...counted.values()].reduce((a, b) => a + b, 0), false],
    ['  accepted without a row', acceptedWithoutRow, true],
    ['  rows never acknowledged to their client', rowsNotAcknowledged, true],
    ['  proposals whose count differs from their rows', countOff, true],
    ['  answers 5xx', tally.serverErrors, true],
    ['  answers 4xx other than 422', [...tally.unexpected.values()].reduce((a, b) => a + b, 0), true],
    ['  p99 of answers in one request', p99(tally.latencies.map((l) => l.ms)), false],
    [
      '  p99 of answers in one request while Redis was down',
      p99(tally.latencies.filter((l) => l.at >= redisDown.from && l.at <= redisDown.to).map((l) => l.ms)),
      false,
    ],
    ['InnoDB deadlocks during the run (whole server)', (await deadlocks(db)) - deadlocksBefore, false],
    ['proposals at the threshold', reached.length, false],
    ['  not qualified exactly once', qualifiedNotOnce, true],
    ['  qualified below the threshold', qualifiedBelow, true],
    ['  not routed exactly once', routedNotOnce, true],
    ['mails expected', expected.length, false],
    ['mails delivered', [...smtp.deliveries.values()].reduce((a, b) => a + b, 0), false],
    ['  expected mails never queued', missingRows, true],
    ['  mails not sent', notSent, true],
    ['  mails sent but never delivered', deliveredNever, true],
    ['  mails delivered more than once', duplicates, true],
    ['  mails sent again after their worker died mid-send (same Message-ID)', resentInDoubt, false],
    ['  deliveries of unknown mail', strangers, true],
    ['outbox rows left undone', Number(outbox!.n), true],
    ['mail rows left undone (pending, sending)', undoneMail, true],
    ['mail rows given up (failed)', failedMail, true],
    ['schedules missing in Redis (of 3)', 3 - schedulers, true],
  ];
  const settled = Number(outbox!.n) === 0 && undoneMail === 0 && missingRows === 0 && routedNotOnce === 0 && schedulers === 3;
  return { lines, settled };
}

// ---------------------------------------------------------------------------------------------------------------
async function main(): Promise<number> {
  say(`faults run ${runId}${SHORT ? ' (short)' : ''}: ${PROPOSALS} proposals, threshold ${THRESHOLD}, logs in ${logDir}`);
  const admin = await mysql.createConnection(server);
  await admin.query(`CREATE DATABASE \`${dbName}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const db = mysql.createPool({ ...server, database: dbName, connectionLimit: 4, timezone: 'Z' });
  await redis.start();
  await smtp.start();
  try {
    api.start(); // migrates the database and loads the agencies
    await until('the API', healthy, 90_000);
    worker.start();
    await until('the worker', workerReady, 60_000);

    // Attempts: each proposal gets a number of distinct endorsers between TRIES, all interleaved.
    const tries = Array.from({ length: PROPOSALS }, (_, i) => TRIES[0]! + ((i * 37) % (TRIES[1]! - TRIES[0]! + 1)));
    const users = Math.max(...tries) * 2;
    const seeded = await seed(db, users);
    const tokens = seeded.userIds.map(accessToken);
    // Each proposal's attempts spread over half of the load, the proposals' windows staggered: qualifications (and
    // their mail) go on from about a third of the load to its end, so every fault meets work in flight.
    const timed: [number, string, number][] = [];
    for (const [i, p] of seeded.proposalIds.entries()) {
      for (let k = 0; k < tries[i]!; k++)
        timed.push([(i / PROPOSALS) * 0.5 + (k / tries[i]!) * 0.5 + Math.random() * 0.02, p, (i * 7 + k) % users]);
    }
    const attempts = timed.sort((a, b) => a[0] - b[0]).map(([, p, u]) => [p, u] as [string, number]);
    const loadSeconds = attempts.length / RATE;
    say(`${users} endorsers, ${attempts.length} attempts at ${RATE}/s (~${loadSeconds.toFixed(0)} s), ${CONCURRENCY} clients`);

    const deadlocksBefore = await deadlocks(db);
    const tally: Tally = { accepted: new Set(), latencies: [], refused: 0, serverErrors: 0, unexpected: new Map(), connectionErrors: 0 };
    const at = (fraction: number) => sleep(loadSeconds * fraction * 1000);
    const faults = Promise.all([
      at(0.35).then(async () => {
        await worker.kill('SIGKILL');
        say('worker killed (SIGKILL)');
        await sleep(2_000);
        worker.start();
        say('worker started again');
      }),
      at(0.5).then(async () => {
        await redis.kill();
        redisDown.from = Date.now();
        say('Redis killed');
        await sleep(3_000);
        await redis.start();
        redisDown.to = Date.now();
        say('Redis started again, empty');
      }),
      at(0.6).then(async () => {
        smtp.refusing = true;
        say(`SMTP refuses every mail with 451 for ${SMTP_REFUSAL_MS / 1000} s`);
        await sleep(SMTP_REFUSAL_MS);
        smtp.refusing = false;
        say(`SMTP accepts again (${smtp.refused} refused)`);
      }),
      at(0.75).then(async () => {
        await api.kill('SIGKILL');
        say('API killed (SIGKILL)');
        api.start();
        await until('the API again', healthy, 90_000);
        say('API answers again');
      }),
    ]);
    await drive(attempts, seeded, tokens, tally);
    say(
      `load done: ${tally.accepted.size} accepted, ${tally.refused} refused (422: closed), ${tally.connectionErrors} connection errors retried`,
    );
    await faults;

    say(`waiting (at most ${WAIT_MS / 1000} s) for the work to finish`);
    const end = Date.now() + WAIT_MS;
    let result = await figures(db, seeded, tally, deadlocksBefore);
    while (!result.settled && Date.now() < end) {
      await sleep(2_000);
      result = await figures(db, seeded, tally, deadlocksBefore);
    }
    say(result.settled ? 'the work is done' : 'work left undone at the end of the wait');
    console.log('');
    const width = Math.max(...result.lines.map(([label]) => label.length));
    for (const [label, value, defect] of result.lines) {
      console.log(`${label.padEnd(width)}  ${String(value).padStart(7)}${defect && value !== 0 ? '  <-- defect' : ''}`);
    }
    console.log('');
    const defects = result.lines.filter(([, value, defect]) => defect && value !== 0).length;
    console.log(defects ? `FAULTS: ${defects} defect figure(s) not zero` : 'FAULTS: all defect figures are zero');
    return defects ? 1 : 0;
  } finally {
    await api.kill('SIGTERM');
    await worker.kill('SIGTERM');
    await redis.kill();
    await smtp.stop();
    await http.close();
    await db.end();
    if (!process.env.FAULTS_KEEP_DATABASE) await admin.query(`DROP DATABASE IF EXISTS \`${dbName}\``);
    await admin.end();
  }
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void Promise.all([api.kill('SIGKILL'), worker.kill('SIGKILL'), redis.kill()]).finally(() => process.exit(130));
  });
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(2);
  },
);
