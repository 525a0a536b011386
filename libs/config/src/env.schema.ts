import proxyaddr from 'proxy-addr';
import { z } from 'zod';
import { weakSecretReason } from './known-secrets.js';

const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');

const emptyAsUndefined = (v: unknown) => (v === '' ? undefined : v);

/** Documentation addresses (RFC 5737, RFC 3849): no real proxy has them, so a setting that trusts one trusts anyone. */
const NOBODYS_ADDRESSES = ['192.0.2.1', '198.51.100.1', '203.0.113.1', '2001:db8::1'];

/**
 * Whether TRUST_PROXY lets (nearly) any client name its own address in X-Forwarded-For, voiding every per-IP limit:
 * `true`; a subnet wider than /8 (IPv4) or /7 (IPv6), e.g. `0.0.0.0/1,128.0.0.0/1` or `::/1`; or any list that
 * trusts an address no proxy has (`::ffff:0:0/96` trusts all of IPv4). Read by proxy-addr, as Express reads it;
 * a value it cannot read counts too. A hop count is taken as written. Refused in production, warned about elsewhere.
 */
export function trustsEveryClientAddress(trustProxy: string | undefined): boolean {
  if (trustProxy === undefined) return false;
  const entries = trustProxy
    .split(',')
    .map((v) => v.trim().toLowerCase())
    .filter(Boolean);
  if (entries.some((v) => v === 'true')) return true;
  if (entries.length === 1 && (entries[0] === 'false' || /^\d+$/.test(entries[0]!))) return false;
  if (entries.some(tooWide)) return true;
  try {
    const trusts = proxyaddr.compile(entries);
    return NOBODYS_ADDRESSES.some((address) => trusts(address, 0));
  } catch {
    return true;
  }
}

/** A subnet (`a.b.c.d/n`, `a.b.c.d/netmask`, `x::/n`) wider than any proxy's: IPv4 under /8, IPv6 under /7. */
function tooWide(entry: string): boolean {
  const [address, range] = entry.split('/');
  if (range === undefined) return false;
  const bits = /^\d+$/.test(range)
    ? Number(range)
    : range
        .split('.')
        .map((octet) => Number(octet).toString(2))
        .join('')
        .replace(/0+$/, '').length;
  return address!.includes(':') ? bits < 7 : bits < 8;
}

export const TRUST_EVERYONE =
  'must not trust every address ("true", a subnet wider than /8, or one that covers addresses no proxy has): every client could then choose its own address in X-Forwarded-For and escape ' +
  'the per-IP limits; name the proxies in front of the API instead (e.g. "loopback", "10.0.0.0/8") or their number of hops';

/**
 * Every environment variable the platform reads. Public names come from the API contract;
 * the others use group prefixes (MAIL_*, AUTH_*, QUEUE_*, ...).
 */
export const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    /** Address the HTTP server listens on; loopback by default, so a development machine serves only itself. */
    HOST: z.preprocess(
      emptyAsUndefined,
      z.union([z.ipv4(), z.ipv6(), z.hostname()], { error: 'must be an IP address or a host name' }).default('127.0.0.1'),
    ),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    DATABASE_URL: z
      .string()
      .regex(/^(mysql|mariadb):\/\//, 'must be a mysql:// URL')
      .default('mysql://root@127.0.0.1:3306/participation'),
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\//, 'must be a redis:// URL')
      .default('redis://127.0.0.1:6379'),
    SMTP_URL: z.preprocess(
      emptyAsUndefined,
      z
        .string()
        .regex(/^smtps?:\/\//, 'must be an smtp:// URL')
        .optional(),
    ),
    PUBLIC_URL: z.preprocess(emptyAsUndefined, z.url().optional()),
    JWT_SECRET: z.preprocess(emptyAsUndefined, z.string().min(32, 'must be at least 32 characters').optional()),
    ADMIN_EMAIL: z.preprocess(emptyAsUndefined, z.email().optional()),
    ADMIN_PASSWORD: z.preprocess(emptyAsUndefined, z.string().min(10, 'must be at least 10 characters').optional()),
    TRUST_PROXY: z.preprocess(emptyAsUndefined, z.string().optional()),
    /**
     * How long the HTTP server waits for a client: for the request headers, for the whole request, and for the next
     * request on an idle keep-alive connection. Short, so slow clients cannot hold connections for minutes
     * (Node's own defaults: 60 s, 300 s, 5 s).
     */
    HTTP_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
    HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
    HTTP_KEEP_ALIVE_TIMEOUT_MS: z.coerce.number().int().min(100).default(5_000),
    /** HTTP server processes sharing the port (node:cluster). */
    API_WORKERS: z.coerce.number().int().min(1).max(64).default(1),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    DEMO_DATA_ENABLED: z.preprocess(emptyAsUndefined, bool.optional()),
    MAIL_FROM: z.string().default('開放政府參與平臺 Open Participation <no-reply@localhost>'),
    MAIL_CATCHER_PORT: z.coerce.number().int().min(0).max(65535).default(1025),
    AUTH_ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().positive().default(3600),
    AUTH_LOGIN_LIMIT_PER_IP: z.coerce.number().int().positive().default(30),
    AUTH_LOGIN_LIMIT_PER_ACCOUNT: z.coerce.number().int().positive().default(10),
    AUTH_LOGIN_WINDOW_SECONDS: z.coerce.number().int().positive().default(900),
    /** Account mail (password reset, a new verification link) to one mailbox, whoever asks, per window. */
    AUTH_MAIL_LIMIT_PER_ADDRESS: z.coerce.number().int().positive().default(3),
    AUTH_MAIL_WINDOW_SECONDS: z.coerce.number().int().positive().default(3600),
    QUEUE_PREFIX: z
      .string()
      .regex(/^[a-zA-Z0-9_-]+$/)
      .default('participation'),
    QUEUE_OUTBOX_POLL_MS: z.coerce.number().int().positive().default(500),
    /**
     * A job handed to Redis but not yet done is handed over again after this long (a no-op while Redis still holds
     * it; a new job if Redis lost it), the wait doubling each time up to QUEUE_OUTBOX_RECHECK_MAX_MS.
     */
    QUEUE_OUTBOX_RECHECK_MS: z.coerce.number().int().positive().default(30_000),
    QUEUE_OUTBOX_RECHECK_MAX_MS: z.coerce.number().int().positive().default(600_000),
    /** Overrides the first retry delay of every job (the catalogue's values otherwise); tests make it short. */
    QUEUE_BACKOFF_BASE_MS: z.preprocess(emptyAsUndefined, z.coerce.number().int().positive().optional()),
    /**
     * How long the public statistics (GET /api/v1/statistics) of one filter are served from memory before they are
     * computed again, in the background (the stale figures are served meanwhile; `generatedAt` tells their age). 0: every request computes.
     */
    STATISTICS_CACHE_SECONDS: z.coerce.number().int().min(0).max(86_400).default(60),
    /** The licence of the open-data exports (GET /api/v1/export): Taiwan's Open Government Data License, version 1.0, unless told. */
    OPEN_DATA_LICENSE_ID: z.string().min(1).default('OGDL-Taiwan-1.0'),
    OPEN_DATA_LICENSE_NAME_ZH: z.string().min(1).default('政府資料開放授權條款－第1版'),
    OPEN_DATA_LICENSE_NAME_EN: z.string().min(1).default('Open Government Data License, version 1.0'),
    OPEN_DATA_LICENSE_URL: z.url().default('https://data.gov.tw/license'),
    /** Whether the worker registers the repeatable jobs (sweep, deadline reminders, digest); tests that drive them turn it off. */
    WORKER_SCHEDULES: z.preprocess(emptyAsUndefined, bool.default(true)),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV !== 'production') return;
    if (!env.JWT_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['JWT_SECRET'], message: 'is required in production' });
    }
    // Anyone can sign tokens with a secret that is written in the repository, and sign in with such a password.
    for (const name of ['JWT_SECRET', 'ADMIN_PASSWORD'] as const) {
      const reason = env[name] === undefined ? undefined : weakSecretReason(env[name]);
      if (reason) ctx.addIssue({ code: 'custom', path: [name], message: reason });
    }
    if (!env.SMTP_URL) {
      ctx.addIssue({ code: 'custom', path: ['SMTP_URL'], message: 'is required in production' });
    }
    if (!env.PUBLIC_URL) {
      ctx.addIssue({ code: 'custom', path: ['PUBLIC_URL'], message: 'is required in production' });
    }
    if (trustsEveryClientAddress(env.TRUST_PROXY)) {
      ctx.addIssue({ code: 'custom', path: ['TRUST_PROXY'], message: TRUST_EVERYONE });
    }
  });
