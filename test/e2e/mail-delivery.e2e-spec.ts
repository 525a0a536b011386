import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { MailMessage, MailSenderService, MailService } from '#mail';
import { newId } from '#database';
import { JobName, QueueName, WorkerInstance } from '#queue';
import { insertPendingMail } from '../support/factories/index.js';
import { uniqueEmail } from '../support/http.js';
import { type TestApp, createTestApp } from '../support/test-app.js';
import { until } from '../support/wait.js';

describe('mail delivery: retries never send twice', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Queues one mail the way domain code does: a row and an outbox entry in one transaction. */
  async function queueMail(to: string, key: string): Promise<string> {
    const mail = t.app.get(MailService);
    return t.ds.transaction((em) =>
      mail.queue(em, {
        template: 'account.verify-email',
        to,
        locale: 'zh-TW',
        idempotencyKey: key,
        params: { displayName: '測試', url: 'http://participation.test/verify-email?token=abc', hours: 48 },
      }),
    );
  }

  async function row(id: string): Promise<MailMessage> {
    return (await t.ds.getRepository(MailMessage).findOneBy({ id }))!;
  }

  it('a temporary SMTP failure is retried with backoff and the mail arrives exactly once', async () => {
    const to = uniqueEmail('retry');
    t.mail.rejectNext = 2;
    const id = await queueMail(to, `test:retry:${to}`);
    await t.mail.waitFor((m) => m.to.includes(to));
    await until(async () => (await row(id)).status === 'sent');
    const sent = await row(id);
    expect(sent.attempts).toBe(3);
    expect(sent.sentAt).toBeInstanceOf(Date);
    expect(t.mail.find((m) => m.to.includes(to))).toHaveLength(1);
    expect(t.mail.find((m) => m.to.includes(to))[0]!.messageId).toBe(`<${id}@participation.test>`);
  });

  it('running the mail job again, as a retry or a second delivery of the job, sends nothing more', async () => {
    const to = uniqueEmail('twice');
    const id = await queueMail(to, `test:twice:${to}`);
    await t.mail.waitFor((m) => m.to.includes(to));
    await until(async () => (await row(id)).status === 'sent');

    // The handler run again directly…
    await expect(t.app.get(MailSenderService).send(id)).resolves.toBe('already-sent');
    // …and the same job handed to BullMQ again under a new job id (a relay that crashed before marking its row).
    const queue = t.app.get<Queue>(getQueueToken(QueueName.Mail), { strict: false });
    const job = await queue.add(JobName.MailSend, { mailId: id }, { jobId: `again-${id}` });
    await until(async () => (await job.getState()) === 'completed');
    expect(await job.getState()).toBe('completed');

    expect(t.mail.find((m) => m.to.includes(to))).toHaveLength(1);
    expect((await row(id)).attempts).toBe(1);
  });

  it('two attempts racing for the same mail send it once', async () => {
    const to = uniqueEmail('race');
    // Written straight to the table, without an outbox row: only this test sends it.
    const id = `race-${Date.now().toString(36)}`.padEnd(36, '0');
    await insertPendingMail(t, {
      id,
      idempotencyKey: `test:race:${to}`,
      template: 'account.verify-email',
      locale: 'en',
      toAddress: to,
      userId: null,
      params: { displayName: 'Race', url: 'http://x.test', hours: 1 } as never,
    });
    const sender = t.app.get(MailSenderService);
    const results = await Promise.allSettled([sender.send(id), sender.send(id)]);
    expect(results.filter((r) => r.status === 'fulfilled' && r.value === 'sent')).toHaveLength(1);
    await t.mail.waitFor((m) => m.to.includes(to));
    expect(t.mail.find((m) => m.to.includes(to))).toHaveLength(1);
  });

  it('queueing the same logical mail twice stores and sends it once', async () => {
    const to = uniqueEmail('dedupe');
    const a = await queueMail(to, `test:dedupe:${to}`);
    const b = await queueMail(to, `test:dedupe:${to}`);
    expect(b).toBe(a);
    await t.mail.waitFor((m) => m.to.includes(to));
    await until(async () => (await row(a)).status === 'sent');
    expect(t.mail.find((m) => m.to.includes(to))).toHaveLength(1);
  });

  it('a mail rolled back with its transaction is never sent', async () => {
    const to = uniqueEmail('rollback');
    await expect(
      t.ds.transaction(async (em) => {
        await t.app.get(MailService).queue(em, {
          template: 'account.verify-email',
          to,
          locale: 'zh-TW',
          idempotencyKey: `test:rollback:${to}`,
          params: { displayName: 'x', url: 'http://x.test', hours: 1 },
        });
        throw new Error('the domain change failed');
      }),
    ).rejects.toThrow('the domain change failed');
    // A later mail goes out, so the relay has run past the rolled-back one.
    const later = uniqueEmail('after-rollback');
    await queueMail(later, `test:later:${later}`);
    await t.mail.waitFor((m) => m.to.includes(later));
    expect(t.mail.find((m) => m.to.includes(to))).toHaveLength(0);
    expect(await t.ds.getRepository(MailMessage).countBy({ toAddress: to })).toBe(0);
  });

  it("a mail leased by a worker that stopped beating is taken at once; a live worker's lease is respected", async () => {
    const sender = t.app.get(MailSenderService);
    const leased = async (tag: string, owner: string) => {
      const to = uniqueEmail(tag);
      const id = newId();
      await insertPendingMail(t, {
        id,
        idempotencyKey: `test:${tag}:${to}`,
        template: 'account.verify-email',
        locale: 'en',
        toAddress: to,
        userId: null,
        params: { displayName: 'Lease', url: 'http://x.test', hours: 1 } as never,
      });
      // Mid-send, with most of its five-minute lease to run.
      await t.ds
        .getRepository(MailMessage)
        .update({ id }, { status: 'sending', leaseUntil: new Date(Date.now() + 270_000), leaseOwner: owner });
      return { id, to };
    };

    // A worker killed mid-send: its instance row stops beating (here: it is 40 s old).
    const dead = newId();
    await t.ds.query("INSERT INTO worker_instances (id, host, pid, started_at, beat_at) VALUES (?, 'gone', 1, ?, ?)", [
      dead,
      new Date(Date.now() - 60_000),
      new Date(Date.now() - 40_000),
    ]);
    const orphan = await leased('orphan', dead);
    await expect(sender.send(orphan.id)).resolves.toBe('sent');
    await t.mail.waitFor((m) => m.to.includes(orphan.to));
    // The dead attempt may have delivered it: the row says so (a mail sent in one go does not).
    expect((await row(orphan.id)).inDoubtAt).toBeInstanceOf(Date);

    // This worker is alive: another attempt waits for its lease.
    const held = await leased('held', t.app.get(WorkerInstance).id);
    await expect(sender.send(held.id)).rejects.toThrow('is being sent by another attempt');
    expect((await row(held.id)).status).toBe('sending');
  });

  it("a job's outbox row is done once its handler has finished", async () => {
    const to = uniqueEmail('done');
    const id = await queueMail(to, `test:done:${to}`);
    await until(async () => (await row(id)).status === 'sent');
    expect((await row(id)).inDoubtAt).toBeNull();
    await until(async () => {
      const [o] = (await t.ds.query("SELECT done_at FROM outbox_messages WHERE JSON_UNQUOTE(JSON_EXTRACT(payload, '$.mailId')) = ?", [
        id,
      ])) as { done_at: Date | null }[];
      return o?.done_at instanceof Date;
    });
  });
});
