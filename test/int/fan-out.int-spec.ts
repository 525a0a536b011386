import { ENDORSER_BATCH, EndorserFanOut } from '#domain';
import { type DomainApp, createDomainApp } from '../support/domain-app.js';
import { insertCall, insertEndorsements, insertProposal, insertUser, insertUsers } from '../support/factories/index.js';

describe('endorser fan-out: a batch that runs twice (a worker killed after its commit) adds nothing', () => {
  let d: DomainApp;

  beforeAll(async () => {
    d = await createDomainApp();
  });
  afterAll(async () => {
    await d?.close();
  });

  const n = async (sql: string, params: unknown[]) => Number(((await d.ds.query(sql, params)) as { n: string | number }[])[0]!.n);

  it('queues its mails and the next batch once', async () => {
    const author = await insertUser(d.ds, { tag: 'fan-author' });
    const proposalId = await insertProposal(d.ds, { callId: await insertCall(d.ds), authorId: author.id, status: 'qualified' });
    const crowd = await insertUsers(d.ds, ENDORSER_BATCH + 20, { tag: 'fan' });
    await insertEndorsements(
      d.ds,
      proposalId,
      crowd.map((u) => u.id),
    );
    const fanOut = d.get(EndorserFanOut);
    const job = { proposalId, event: 'qualified' as const, afterUserId: null };

    expect(await fanOut.notifyBatch(job)).toBe(ENDORSER_BATCH);
    expect(await fanOut.notifyBatch(job)).toBe(ENDORSER_BATCH);

    const nextBatches = await n(
      `SELECT COUNT(*) AS n FROM outbox_messages WHERE job_name = 'proposal.notify-endorsers'
          AND JSON_UNQUOTE(JSON_EXTRACT(payload, '$.proposalId')) = ? AND JSON_EXTRACT(payload, '$.afterUserId') IS NOT NULL
          AND JSON_TYPE(JSON_EXTRACT(payload, '$.afterUserId')) <> 'NULL'`,
      [proposalId],
    );
    expect(nextBatches).toBe(1);
    expect(await n("SELECT COUNT(*) AS n FROM mail_messages WHERE template = 'proposal.qualified' AND user_id <> ?", [author.id])).toBe(
      ENDORSER_BATCH,
    );
  });
});
