import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { TRUST_EVERYONE, envSchema, trustsEveryClientAddress } from './env.schema.js';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** The validated, typed configuration. Read from the environment once, injected everywhere else. */
export class AppConfig {
  readonly nodeEnv: 'development' | 'production' | 'test';
  /** Listen address of the HTTP server (HOST): 127.0.0.1 unless told otherwise. */
  readonly host: string;
  readonly port: number;
  readonly apiWorkers: number;
  /** Timeouts of the HTTP server towards clients (HTTP_*_MS). */
  readonly http: { headersTimeoutMs: number; requestTimeoutMs: number; keepAliveTimeoutMs: number };
  readonly databaseUrl: string;
  readonly redisUrl: string;
  /** undefined: use the embedded development mail catcher. */
  readonly smtpUrl: string | undefined;
  readonly publicUrl: string;
  readonly jwtSecret: string;
  readonly jwtSecretGenerated: boolean;
  readonly admin: { email: string; password: string } | undefined;
  readonly trustProxy: string | undefined;
  readonly logLevel: string;
  readonly demoDataEnabled: boolean;
  readonly mailFrom: string;
  readonly mailCatcherPort: number;
  readonly accessTokenTtlSeconds: number;
  readonly loginLimits: { perIp: number; perAccount: number; windowSeconds: number };
  /** Account mail to one mailbox (its canonical address), however many clients ask for it. */
  readonly accountMailLimits: { perAddress: number; windowSeconds: number };
  readonly queuePrefix: string;
  readonly outboxPollMs: number;
  readonly outboxRecheckMs: number;
  readonly outboxRecheckMaxMs: number;
  readonly backoffBaseMs: number | undefined;
  readonly workerSchedules: boolean;
  /** How long statistics are served from memory before they are computed again (STATISTICS_CACHE_SECONDS). */
  readonly statisticsCacheSeconds: number;
  /** The licence the open-data exports are published under (OPEN_DATA_LICENSE_*). */
  readonly openDataLicense: { id: string; nameZh: string; nameEn: string; url: string };

  private constructor(env: z.infer<typeof envSchema>) {
    this.nodeEnv = env.NODE_ENV;
    this.host = env.HOST;
    this.port = env.PORT;
    this.apiWorkers = env.API_WORKERS;
    this.http = {
      headersTimeoutMs: env.HTTP_HEADERS_TIMEOUT_MS,
      requestTimeoutMs: env.HTTP_REQUEST_TIMEOUT_MS,
      keepAliveTimeoutMs: env.HTTP_KEEP_ALIVE_TIMEOUT_MS,
    };
    this.databaseUrl = env.DATABASE_URL;
    this.redisUrl = env.REDIS_URL;
    this.smtpUrl = env.SMTP_URL;
    this.publicUrl = (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, '');
    this.jwtSecretGenerated = !env.JWT_SECRET;
    this.jwtSecret = env.JWT_SECRET ?? randomBytes(32).toString('hex');
    this.admin = env.ADMIN_EMAIL && env.ADMIN_PASSWORD ? { email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD } : undefined;
    this.trustProxy = env.TRUST_PROXY;
    this.logLevel = env.LOG_LEVEL;
    this.demoDataEnabled = env.DEMO_DATA_ENABLED ?? env.NODE_ENV === 'development';
    this.mailFrom = env.MAIL_FROM;
    this.mailCatcherPort = env.MAIL_CATCHER_PORT;
    this.accessTokenTtlSeconds = env.AUTH_ACCESS_TOKEN_TTL_SECONDS;
    this.loginLimits = {
      perIp: env.AUTH_LOGIN_LIMIT_PER_IP,
      perAccount: env.AUTH_LOGIN_LIMIT_PER_ACCOUNT,
      windowSeconds: env.AUTH_LOGIN_WINDOW_SECONDS,
    };
    this.accountMailLimits = { perAddress: env.AUTH_MAIL_LIMIT_PER_ADDRESS, windowSeconds: env.AUTH_MAIL_WINDOW_SECONDS };
    this.queuePrefix = env.QUEUE_PREFIX;
    this.outboxPollMs = env.QUEUE_OUTBOX_POLL_MS;
    this.outboxRecheckMs = env.QUEUE_OUTBOX_RECHECK_MS;
    this.outboxRecheckMaxMs = Math.max(env.QUEUE_OUTBOX_RECHECK_MAX_MS, env.QUEUE_OUTBOX_RECHECK_MS);
    this.backoffBaseMs = env.QUEUE_BACKOFF_BASE_MS;
    this.workerSchedules = env.WORKER_SCHEDULES;
    this.statisticsCacheSeconds = env.STATISTICS_CACHE_SECONDS;
    this.openDataLicense = {
      id: env.OPEN_DATA_LICENSE_ID,
      nameZh: env.OPEN_DATA_LICENSE_NAME_ZH,
      nameEn: env.OPEN_DATA_LICENSE_NAME_EN,
      url: env.OPEN_DATA_LICENSE_URL,
    };
  }

  /** Validates the environment; throws a ConfigError that names every bad variable. */
  static fromEnv(env: NodeJS.ProcessEnv): AppConfig {
    const parsed = envSchema.safeParse(env);
    if (!parsed.success) {
      const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
      throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
    }
    if (parsed.data.API_WORKERS > 1 && !parsed.data.SMTP_URL) {
      throw new ConfigError(
        'Invalid configuration:\n  API_WORKERS > 1 needs SMTP_URL (the embedded development mail catcher runs in one process)',
      );
    }
    if (parsed.data.HTTP_HEADERS_TIMEOUT_MS > parsed.data.HTTP_REQUEST_TIMEOUT_MS) {
      throw new ConfigError(
        'Invalid configuration:\n  HTTP_HEADERS_TIMEOUT_MS must not exceed HTTP_REQUEST_TIMEOUT_MS (the headers are part of the request)',
      );
    }
    if (!parsed.data.ADMIN_EMAIL !== !parsed.data.ADMIN_PASSWORD) {
      throw new ConfigError('Invalid configuration:\n  ADMIN_EMAIL and ADMIN_PASSWORD must be set together');
    }
    return new AppConfig(parsed.data);
  }

  get isProduction(): boolean {
    return this.nodeEnv === 'production';
  }

  /** Settings that start, but should not (production refuses them): each a line for the start-up log. */
  get warnings(): string[] {
    return trustsEveryClientAddress(this.trustProxy) ? [`TRUST_PROXY=${this.trustProxy} ${TRUST_EVERYONE} (refused in production)`] : [];
  }

  /** Whether this process should use (and, in the API, run) the embedded mail catcher. */
  get useDevMailCatcher(): boolean {
    return !this.smtpUrl && !this.isProduction;
  }

  /** Whether `/dev/mail` may show the caught mail (to loopback clients): only the embedded catcher in development. */
  get servesDevMailbox(): boolean {
    return this.nodeEnv === 'development' && this.useDevMailCatcher;
  }

  get effectiveSmtpUrl(): string {
    return this.smtpUrl ?? `smtp://127.0.0.1:${this.mailCatcherPort}`;
  }
}
