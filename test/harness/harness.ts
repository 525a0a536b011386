// What the process-level harnesses share (npm run bench, bench:search, bench:export, faults; and the Redis outage
// tests): a scratch database, free ports, the built API as a process, a throwaway redis-server, access tokens as
// the API issues them. Run by Node with
// type stripping (no build), so: erasable TypeScript only, and `.ts` in relative imports.
import { type ChildProcess, spawn } from 'node:child_process';
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';

/** A database of its own on the server of `baseUrl` (its path is replaced), named `<prefix>_<run id>`. */
export function scratchDatabase(prefix: string, baseUrl: string) {
  const runId = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const dbName = `${prefix}_${runId}`;
  const url = new URL(baseUrl);
  url.pathname = `/${dbName}`;
  const server = {
    host: url.hostname,
    port: Number(url.port || 3306),
    user: decodeURIComponent(url.username || 'root'),
    password: decodeURIComponent(url.password),
  };
  return { runId, dbName, url, server };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/**
 * The built API (`dist/`) as a process of its own against `databaseUrl`: production mode, no demo data, a random
 * JWT secret, mail to a closed port, warnings only in its log. Resolves once `/health` answers 200.
 */
export async function startApi(opts: { port: number; databaseUrl: string; queuePrefix: string }): Promise<ChildProcess> {
  const publicUrl = `http://127.0.0.1:${opts.port}`;
  const child = spawn(process.execPath, ['dist/apps/api/src/main.js'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(opts.port),
      DATABASE_URL: opts.databaseUrl,
      JWT_SECRET: randomBytes(32).toString('hex'),
      SMTP_URL: 'smtp://127.0.0.1:9',
      PUBLIC_URL: publicUrl,
      LOG_LEVEL: 'warn',
      DEMO_DATA_ENABLED: 'false',
      QUEUE_PREFIX: opts.queuePrefix,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const end = Date.now() + 60_000;
  for (;;) {
    try {
      const r = await fetch(`${publicUrl}/health`);
      await r.text();
      if (r.ok) return child;
    } catch {
      /* starting */
    }
    if (Date.now() > end || child.exitCode !== null) {
      child.kill('SIGTERM');
      throw new Error('the API did not become healthy');
    }
    await sleep(200);
  }
}

/** What a bench's bulk SQL needs first: an open call with Join's rules and one author. */
export async function insertCallAndAuthor(
  db: { query(sql: string, params: unknown[]): Promise<unknown> },
  titleZh: string,
  titleEn: string,
): Promise<{ callId: string; authorId: string }> {
  const now = new Date();
  const callId = randomUUID();
  const authorId = randomUUID();
  await db.query(`INSERT INTO calls VALUES (?, ?, ?, ?, ?, 5000, 60, 60, 1, ?, ?)`, [callId, titleZh, titleEn, now, now, now, now]);
  await db.query(
    `INSERT INTO users (id, email, email_canonical, password_hash, display_name, locale, token_version, created_at, updated_at)
     VALUES (?, 'a@example.org', 'a@example.org', 'x', '提案人', 'zh-TW', 0, ?, ?)`,
    [authorId, now, now],
  );
  return { callId, authorId };
}

const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');

/** An access token as the API issues it: HS256, issuer PUBLIC_URL, audience PUBLIC_URL/api/v1 (libs/auth). */
export function accessToken(secret: string, publicUrl: string, sub: string, ttlSeconds = 7200): string {
  const now = Math.floor(Date.now() / 1000);
  const claims = { sub, tv: 0, iat: now, exp: now + ttlSeconds, iss: publicUrl, aud: `${publicUrl}/api/v1` };
  const head = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(claims)}`;
  return `${head}.${createHmac('sha256', secret).update(head).digest('base64url')}`;
}

/** A throwaway redis-server on its own port, keeping nothing on disk: a restart comes back empty. */
export class RedisProcess {
  private proc: ChildProcess | undefined;
  readonly port: number;
  constructor(port: number) {
    this.port = port;
  }

  static async create(): Promise<RedisProcess> {
    return new RedisProcess(await freePort());
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.proc = spawn(
      process.env.REDIS_SERVER_BIN ?? 'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    // Up once it answers a PING (a fresh client each time: a failed connect leaves one unusable).
    const end = Date.now() + 10_000;
    for (;;) {
      const probe = new Redis(this.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      probe.on('error', () => undefined);
      try {
        await probe.connect();
        if ((await probe.ping()) === 'PONG') return;
      } catch (err) {
        if (Date.now() > end) throw new Error(`redis-server on port ${this.port} did not answer`, { cause: err });
      } finally {
        probe.disconnect();
      }
      await sleep(50);
    }
  }

  /** Kills the server outright, as a crash would. */
  async kill(): Promise<void> {
    const p = this.proc;
    if (!p || p.exitCode !== null || p.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      p.once('exit', () => resolve());
      p.kill('SIGKILL');
    });
  }
}
