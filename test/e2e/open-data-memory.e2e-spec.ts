import { get } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { newId } from '#database';
import { insertCall, insertUser } from '../support/factories/index.js';
import { type TestApp, createTestApp } from '../support/test-app.js';

/**
 * The exports are streamed: a download of a large generated set (60,000 proposals, some 130 MB of CSV) must not
 * grow the process by more than a generous bound. The app runs in this process, so its resident set is sampled
 * while the test reads the download and throws every byte away (supertest would buffer the whole body).
 */
const PROPOSALS = 60_000;
const RSS_BOUND = 150 * 1024 * 1024;
/** ~2 KB of text a row: held in memory at once, the set would be far beyond the bound. */
const PROBLEM = '政府資料開放與公民參與的問題描述，'.repeat(40);

describe('open data: exports stream in flat memory', () => {
  let t: TestApp;
  let base: string;

  beforeAll(async () => {
    t = await createTestApp();
    const author = await insertUser(t.ds, { tag: 'bulk' });
    const callId = await insertCall(t.ds);
    const now = new Date();
    for (let i = 0; i < PROPOSALS; i += 1000) {
      const rows = Array.from({ length: Math.min(1000, PROPOSALS - i) }, (_, j) => [
        newId(),
        callId,
        author.id,
        'endorsing',
        `第${i + j}號提案：推動開放資料`,
        '摘要',
        PROBLEM,
        '解方',
        'zh-TW',
        5,
        now,
        now,
        now,
        now,
        now,
        now,
      ]);
      await t.ds.query(
        `INSERT INTO proposals (id, call_id, author_id, status, title, summary, problem, solution, language, endorsement_threshold,
           endorsement_deadline, submitted_at, review_due_at, published_at, created_at, updated_at)
         VALUES ${rows.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
        rows.flat(),
      );
    }
    const server = t.app.getHttpServer() as Server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }, 180_000);
  afterAll(async () => {
    await t?.close();
  });

  /** Downloads `path`, discarding the bytes; the lines it had and the growth of the resident set over the download. */
  function measure(path: string): Promise<{ status: number; lines: number; bytes: number; growth: number }> {
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    return new Promise((resolve, reject) => {
      get(`${base}${path}`, { agent: false }, (res) => {
        let lines = 0;
        let bytes = 0;
        res.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) lines += 1;
        });
        res.on('end', () => {
          clearInterval(sampler);
          peak = Math.max(peak, process.memoryUsage().rss);
          resolve({ status: res.statusCode ?? 0, lines, bytes, growth: peak - baseline });
        });
        res.on('error', reject);
      }).on('error', reject);
    });
  }

  it.each([
    ['CSV', '/api/v1/export/proposals.csv', 1],
    ['NDJSON', '/api/v1/export/proposals.json?format=ndjson', 0],
  ])(
    'a %s download of 60,000 proposals arrives whole, the process growing less than 150 MB',
    async (_format, path, header) => {
      const r = await measure(path);
      expect(r.status).toBe(200);
      expect(r.lines).toBe(PROPOSALS + header);
      expect(r.bytes).toBeGreaterThan(PROPOSALS * PROBLEM.length * 2);
      process.stderr.write(`${path}: ${(r.bytes / 1e6).toFixed(0)} MB, resident set grew ${(r.growth / 1e6).toFixed(1)} MB\n`);
      expect(r.growth).toBeLessThan(RSS_BOUND);
    },
    120_000,
  );
});
