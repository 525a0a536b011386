// npm run bench:search — the proposal search (`GET /proposals?q=`) on 100,000 published proposals,
// next to the plain LIKE '%…%' scan it replaces, measured in the same run.
import type { ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import mysql from 'mysql2/promise';
import { Pool } from 'undici';
import { documentTerms } from '#domain';
import { insertCallAndAuthor, scratchDatabase, startApi } from '../test/harness/harness.ts';

const PROPOSALS = Number(process.env.BENCH_PROPOSALS ?? 100_000);
const PORT = Number(process.env.BENCH_PORT ?? 3918);
// Broad queries (each word of the generated text is in about one proposal in ten) and selective ones.
const QUERIES = ['氣候', '開放資料', '原住民族', 'open data', '水資源管理', '第4242號', '第77777號提案'];
const BASE_DB = process.env.BENCH_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/x';

const WORDS = [
  '氣候變遷',
  '淨零排放',
  '能源轉型',
  '開放資料',
  '政府資訊',
  '公民參與',
  '個人資料保護',
  '數位落差',
  '原住民族',
  '客家青年',
  '海洋保育',
  '水資源管理',
  '長照服務',
  '性別平等',
  '新住民',
  '政治獻金',
  '反貪腐',
  '預算透明',
  '空氣品質',
  '交通安全',
  '食品安全',
  '社會住宅',
  '災害防救',
  '偏鄉教育',
  '公共程式',
  '資料治理',
  '國會透明',
  '司法改革',
  '勞動權益',
  '動物保護',
];
const EN = ['open data', 'climate', 'participation', 'transparency', 'accountability', 'budget', 'digital', 'inclusion'];

const { dbName, url: dbUrl, server } = scratchDatabase('bench_search', BASE_DB);

const pick = <T>(xs: T[], n: number) => xs[n % xs.length]!;

function text(i: number): { title: string; summary: string } {
  const a = pick(WORDS, i * 7 + 3);
  const b = pick(WORDS, i * 13 + 5);
  const c = pick(WORDS, i * 17 + 11);
  return {
    title: `推動${a}與${b}的第${i}號提案`,
    summary: `本提案建議結合${b}與${c}，建立跨機關的${a}機制，並公開相關資料（${pick(EN, i)}）。`,
  };
}

async function main(): Promise<void> {
  const admin = await mysql.createConnection(server);
  await admin.query(`CREATE DATABASE \`${dbName}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const pool = mysql.createPool({ ...server, database: dbName, connectionLimit: 8, timezone: 'Z' });
  let api: ChildProcess | undefined;
  const http = new Pool(`http://127.0.0.1:${PORT}`, { connections: 4 });
  try {
    api = await startApi({ port: PORT, databaseUrl: dbUrl.toString(), queuePrefix: dbName });

    const now = new Date();
    const { callId, authorId } = await insertCallAndAuthor(pool, '搜尋測試', 'Search benchmark');
    // Bulk load: proposals in id order, then every index term sorted by the primary key (term, proposal_id),
    // with the secondary index built once at the end — a random-order load of millions of rows would
    // measure the server's buffer pool, not the search.
    const t0 = performance.now();
    const ids = Array.from({ length: PROPOSALS }, (_, i) => `00000000-0000-7000-8000-${i.toString(16).padStart(12, '0')}`);
    const termRows: [string, string][] = [];
    for (let i = 0; i < PROPOSALS; i += 2000) {
      const rows = [];
      for (let j = i; j < Math.min(i + 2000, PROPOSALS); j++) {
        const t = text(j);
        const published = new Date(now.getTime() - (PROPOSALS - j) * 1000);
        rows.push([
          ids[j],
          callId,
          authorId,
          'endorsing',
          t.title,
          t.summary,
          '問題',
          '解方',
          'zh-TW',
          5000,
          now,
          now,
          now,
          published,
          now,
          now,
        ]);
        for (const term of documentTerms(`${t.title}\n${t.summary}`)) termRows.push([term, ids[j]!]);
      }
      await pool.query(
        `INSERT INTO proposals (id, call_id, author_id, status, title, summary, problem, solution, language, endorsement_threshold,
           endorsement_deadline, submitted_at, review_due_at, published_at, created_at, updated_at) VALUES ?`,
        [rows],
      );
    }
    termRows.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : 1));
    const terms = termRows.length;
    const ddl = await pool.getConnection();
    try {
      // With foreign-key checks off for this session the index and the key are built in place, not by copying the table.
      await ddl.query('SET SESSION foreign_key_checks = 0');
      await ddl.query(
        'ALTER TABLE proposal_search_terms DROP FOREIGN KEY fk_proposal_search_terms__proposal_id, DROP INDEX ix_proposal_search_terms__proposal_id',
      );
      for (let k = 0; k < termRows.length; k += 20_000)
        await ddl.query('INSERT INTO proposal_search_terms (term, proposal_id) VALUES ?', [termRows.slice(k, k + 20_000)]);
      await ddl.query(
        `ALTER TABLE proposal_search_terms ADD INDEX ix_proposal_search_terms__proposal_id (proposal_id),
           ADD CONSTRAINT fk_proposal_search_terms__proposal_id FOREIGN KEY (proposal_id) REFERENCES proposals (id) ON DELETE CASCADE`,
      );
      await ddl.query('SET SESSION foreign_key_checks = 1');
    } finally {
      ddl.release();
    }
    await pool.query('ANALYZE TABLE proposals, proposal_search_terms');
    console.log(`seeded ${PROPOSALS} proposals and ${terms} index terms in ${((performance.now() - t0) / 1000).toFixed(0)} s`);

    const lines: string[] = [];
    for (const q of QUERIES) {
      const api: number[] = [];
      let total = 0;
      for (let k = 0; k < 12; k++) {
        const s = performance.now();
        const r = await http.request({ path: `/api/v1/proposals?q=${encodeURIComponent(q)}&pageSize=20`, method: 'GET' });
        const body = JSON.parse(await r.body.text()) as { total: number };
        api.push(performance.now() - s);
        total = body.total;
      }
      const like: number[] = [];
      let likeTotal = 0;
      for (let k = 0; k < 3; k++) {
        const s = performance.now();
        const [[row]] = (await pool.query(
          `SELECT COUNT(*) AS n FROM proposals WHERE published_at IS NOT NULL AND (title LIKE ? OR summary LIKE ?)`,
          [`%${q}%`, `%${q}%`],
        )) as unknown as [[{ n: number }]];
        await pool.query(
          `SELECT id FROM proposals WHERE published_at IS NOT NULL AND (title LIKE ? OR summary LIKE ?) ORDER BY published_at DESC LIMIT 20`,
          [`%${q}%`, `%${q}%`],
        );
        like.push(performance.now() - s);
        likeTotal = Number(row.n);
      }
      const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
      lines.push(
        `  ${q.padEnd(8, '　')} API median ${med(api.slice(2)).toFixed(1).padStart(7)} ms (${total} found)   LIKE scan median ${med(like).toFixed(1).padStart(7)} ms (${likeTotal} found)`,
      );
      if (total !== likeTotal) lines.push(`    MISMATCH: the index found ${total}, the scan ${likeTotal}`);
    }
    console.log(
      `\nsearch on ${PROPOSALS} published proposals (first page of 20 and the total, through the HTTP API):\n${lines.join('\n')}\n`,
    );
    if (lines.some((l) => l.includes('MISMATCH'))) process.exitCode = 1;
  } finally {
    api?.kill('SIGTERM');
    await http.close();
    await pool.end();
    await admin.query(`DROP DATABASE IF EXISTS \`${dbName}\``);
    await admin.end();
  }
}

await main();
