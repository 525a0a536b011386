import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { MailMessage } from '#mail';
import { QueueName } from '#queue';
import { uniqueEmail } from '../support/http.js';
import { mailTo, sentMails } from '../support/mail.js';
import { DisposableRedis } from '../support/redis-server.js';
import { type TestApp, createTestApp } from '../support/test-app.js';
import { until } from '../support/wait.js';

describe('Redis outage: work is delayed, never lost', () => {
  let redis: DisposableRedis;
  let t: TestApp;

  beforeAll(async () => {
    redis = await DisposableRedis.create();
    await redis.start();
    // Re-checks every second here (30 s in production): a job Redis lost without restarting is queued again soon.
    t = await createTestApp({ redisUrl: redis.url, env: { QUEUE_OUTBOX_RECHECK_MS: '1000', QUEUE_OUTBOX_RECHECK_MAX_MS: '2000' } });
  });
  afterAll(async () => {
    await t?.close();
    await redis?.kill();
  });

  it('health is ok with Redis up', async () => {
    const res = await t.http.get('/health').expect(200);
    expect(res.body.status).toBe('ok');
  });

  it('an account registered while Redis is down gets its mail once Redis is back', async () => {
    await redis.kill();

    const health = await t.http.get('/health').expect(503);
    expect(health.body.error.redis.status).toBe('down');

    // The API keeps working: the change and its outbox row commit to the database.
    const email = uniqueEmail('outage');
    await t.http.post('/api/v1/auth/register').send({ email, password: 'correct horse battery', displayName: '停電' }).expect(201);
    const [pending] = (await t.ds.query(
      `SELECT o.dispatched_at FROM outbox_messages o
        JOIN mail_messages m ON JSON_UNQUOTE(JSON_EXTRACT(o.payload, '$.mailId')) = m.id WHERE m.to_address = ?`,
      [email],
    )) as { dispatched_at: Date | null }[];
    expect(pending).toEqual({ dispatched_at: null });

    // The relay keeps failing while Redis is down (it polls every 50 ms here); nothing is sent, and while it waits
    // for Redis it holds no lock in the database (writers of outbox rows never wait for it).
    const lockingTransactions: number[] = [];
    for (let i = 0; i < 15; i++) {
      const [row] = (await t.ds.query(
        `SELECT COUNT(*) AS n FROM information_schema.INNODB_TRX x JOIN information_schema.PROCESSLIST p ON p.ID = x.trx_mysql_thread_id
          WHERE p.DB = DATABASE() AND x.trx_rows_locked > 0`,
      )) as { n: string | number }[];
      lockingTransactions.push(Number(row!.n));
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(lockingTransactions.filter((n) => n > 0)).toEqual([]);
    expect(t.mail.find((m) => m.to.includes(email))).toHaveLength(0);
    expect((await t.ds.getRepository(MailMessage).findOneByOrFail({ toAddress: email })).status).toBe('pending');

    await redis.start();
    const mail = await mailTo(t, email, 'account.verify-email', undefined, 30_000);
    expect(mail.locale).toBe('zh-TW');
    expect(t.mail.find((m) => m.to.includes(email))).toHaveLength(1);
    await t.http.get('/health').expect(200);
  });

  /** The outbox row of the mail to `email`: when it was last handed to Redis, and whether its handler confirmed it. */
  async function outboxRowOf(email: string) {
    const [row] = (await t.ds.query(
      `SELECT o.dispatched_at, o.done_at, o.last_error FROM outbox_messages o
        JOIN mail_messages m ON JSON_UNQUOTE(JSON_EXTRACT(o.payload, '$.mailId')) = m.id WHERE m.to_address = ?`,
      [email],
    )) as { dispatched_at: Date | null; done_at: Date | null; last_error: string | null }[];
    return row!;
  }

  it('a job Redis held when it restarted empty is handed over again and done once; the schedules come back', async () => {
    const proposals = t.app.get<Queue>(getQueueToken(QueueName.Proposals));
    await until(async () => (await proposals.getJobSchedulers()).length === 3, { what: 'the three schedules', retryErrors: true });

    // SMTP refuses: the mail's job is in Redis, retrying, and its outbox row is handed off but not done.
    t.mail.rejectNext = 1_000;
    const email = uniqueEmail('restart');
    await t.http.post('/api/v1/auth/register').send({ email, password: 'correct horse battery', displayName: '重啟' }).expect(201);
    await until(async () => (await outboxRowOf(email)).dispatched_at !== null, { what: 'the hand-off to Redis' });
    await until(async () => (await t.ds.getRepository(MailMessage).findOneByOrFail({ toAddress: email })).attempts >= 2, {
      what: 'two refused attempts',
    });
    expect((await outboxRowOf(email)).done_at).toBeNull();

    // Redis restarts without its data: the job and the schedules are gone from it.
    await redis.kill();
    await redis.start();
    t.mail.rejectNext = 0;

    const mail = await mailTo(t, email, 'account.verify-email', undefined, 30_000);
    expect(mail.locale).toBe('zh-TW');
    await until(async () => (await outboxRowOf(email)).done_at !== null, { what: 'the confirmation of the job' });
    await until(async () => (await proposals.getJobSchedulers()).length === 3, { what: 'the schedules again', retryErrors: true });
    // Once: the re-checks that follow find the row done.
    await new Promise((r) => setTimeout(r, 2_500));
    expect(await sentMails(t, 'account.verify-email', { to: email })).toHaveLength(1);
  });

  it('a job Redis lost while it kept running is queued again by the re-check', async () => {
    t.mail.rejectNext = 1_000;
    const email = uniqueEmail('lost');
    await t.http.post('/api/v1/auth/register').send({ email, password: 'correct horse battery', displayName: '遺失' }).expect(201);
    await until(async () => (await outboxRowOf(email)).dispatched_at !== null, { what: 'the hand-off to Redis' });

    // As a failover to a replica without the last writes would: the marker is there, the job is not.
    const mailQueue = t.app.get<Queue>(getQueueToken(QueueName.Mail));
    await mailQueue.pause();
    await mailQueue.obliterate({ force: true });
    await mailQueue.resume();
    t.mail.rejectNext = 0;

    await mailTo(t, email, 'account.verify-email', undefined, 30_000);
    await until(async () => (await outboxRowOf(email)).done_at !== null, { what: 'the confirmation of the job' });
    expect(await sentMails(t, 'account.verify-email', { to: email })).toHaveLength(1);
  });
});
