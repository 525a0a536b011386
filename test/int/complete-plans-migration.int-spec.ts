import { DataSource } from 'typeorm';
import { databaseOptions, ensureDatabase, newId } from '#database';
import { migrations } from '../../libs/database/src/migrations/index.js';
import { dropDatabase, newRunId, testDatabaseUrl } from '../support/database.js';

/** The CompletePlans migration on a database that already holds plans loaded before it: kept, renamed, reversible. */
describe('migration CompletePlans on existing plans', () => {
  const url = testDatabaseUrl(newRunId());
  let ds: DataSource;
  const one = async <T>(sql: string, params: unknown[] = []) => ((await ds.query(sql, params)) as T[])[0]!;

  beforeAll(async () => {
    await ensureDatabase(url);
    const before = migrations.filter((m) => m.name !== 'CompletePlans1764700000000');
    ds = new DataSource({ ...databaseOptions(url), migrations: before, migrationsTableName: 'migrations' });
    await ds.initialize();
    await ds.runMigrations({ transaction: 'each' });
    const now = new Date();
    const [plan, commitment, milestone, progress] = [newId(), newId(), newId(), newId()];
    await ds.query(
      `INSERT INTO plans (id, code, title_zh, title_en, period_start, period_end, status, created_at, updated_at) VALUES (?, 'old', '舊方案', 'Old plan', '2021-01', '2024-05', 'adopted', ?, ?)`,
      [plan, now, now],
    );
    await ds.query(
      `INSERT INTO commitments (id, plan_id, code, position, title_zh, created_at, updated_at) VALUES (?, ?, '1-1', 0, '舊承諾', ?, ?)`,
      [commitment, plan, now, now],
    );
    await ds.query(
      `INSERT INTO milestones (id, commitment_id, position, title_zh, created_at, updated_at) VALUES (?, ?, 0, '舊指標', ?, ?)`,
      [milestone, commitment, now, now],
    );
    await ds.query(
      `INSERT INTO milestone_progress (id, milestone_id, year, status, narrative, created_at, updated_at) VALUES (?, ?, 2023, 'limited', '說明', ?, ?)`,
      [progress, milestone, now, now],
    );
    await ds.destroy();
    ds = new DataSource({ ...databaseOptions(url), migrations, migrationsTableName: 'migrations' });
    await ds.initialize();
  });
  afterAll(async () => {
    await ds?.destroy();
    await dropDatabase(url);
  });

  it('renames adopted to final, keeps each report as the first of its history, and undoes and redoes cleanly', async () => {
    expect((await ds.runMigrations({ transaction: 'each' })).map((m) => m.name)).toEqual(['CompletePlans1764700000000']);
    expect(await one<{ status: string }>('SELECT status FROM plans')).toEqual({ status: 'final' });
    const current = await one<{ id: string; complete: number }>('SELECT id, complete FROM milestone_progress');
    const history = await one<{ id: string; status: string; narrative: string }>(
      'SELECT id, status, narrative FROM milestone_progress_reports',
    );
    expect(history).toEqual({ id: current.id, status: 'limited', narrative: '說明' });
    expect(Number(current.complete)).toBe(0);

    await ds.undoLastMigration({ transaction: 'each' });
    expect(await one<{ status: string }>('SELECT status FROM plans')).toEqual({ status: 'adopted' });
    expect(
      Number(
        (
          await one<{ n: string }>(
            "SELECT COUNT(*) AS n FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'milestone_progress_reports'",
          )
        ).n,
      ),
    ).toBe(0);

    await ds.runMigrations({ transaction: 'each' });
    expect(await one<{ status: string }>('SELECT status FROM plans')).toEqual({ status: 'final' });
  });
});
