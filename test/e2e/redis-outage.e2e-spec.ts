import { MailMessage } from '#mail';
import { uniqueEmail } from '../support/http.js';
import { mailTo } from '../support/mail.js';
import { DisposableRedis } from '../support/redis-server.js';
import { type TestApp, createTestApp } from '../support/test-app.js';

describe('Redis outage: work is delayed, never lost', () => {
  let redis: DisposableRedis;
  let t: TestApp;

  beforeAll(async () => {
    redis = await DisposableRedis.create();
    await redis.start();
    t = await createTestApp({ redisUrl: redis.url });
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

    // The relay keeps failing while Redis is down (it polls every 50 ms here); nothing is sent.
    await new Promise((r) => setTimeout(r, 1_500));
    expect(t.mail.find((m) => m.to.includes(email))).toHaveLength(0);
    expect((await t.ds.getRepository(MailMessage).findOneByOrFail({ toAddress: email })).status).toBe('pending');

    await redis.start();
    const mail = await mailTo(t, email, 'account.verify-email', undefined, 30_000);
    expect(mail.locale).toBe('zh-TW');
    expect(t.mail.find((m) => m.to.includes(email))).toHaveLength(1);
    await t.http.get('/health').expect(200);
  });
});
