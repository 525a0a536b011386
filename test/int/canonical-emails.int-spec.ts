import { jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { databaseOptions, runMigrations } from '#database';
import { CanonicalEmails1764500000000 } from '../../libs/database/src/migrations/1764500000000-CanonicalEmails.js';
import { dropDatabase, newRunId, testDatabaseUrl } from '../support/database.js';

/**
 * Migration 1764500000000 on a database that already holds one mailbox under several spellings (the schema before
 * it: `email` lower-cased and unique, no canonical key): every row is keyed, exactly one of each group gets the
 * canonical key, the others keep their old key, nothing is lost, and the unique index holds afterwards.
 */
describe('migration 1764500000000: canonical keys for existing accounts', () => {
  const url = testDatabaseUrl(newRunId());
  let ds: DataSource;

  beforeAll(async () => {
    await runMigrations(url);
    ds = new DataSource(databaseOptions(url));
    await ds.initialize();
    // Back to the schema before the migration.
    const q = ds.createQueryRunner();
    await new CanonicalEmails1764500000000().down(q);
    await q.release();
  });
  afterAll(async () => {
    await ds?.destroy();
    await dropDatabase(url);
  });

  const insert = async (email: string, createdAt: string, verified: boolean) => {
    const id = randomUUID();
    await ds.query(
      `INSERT INTO users (id, email, password_hash, display_name, locale, email_verified_at, token_version, created_at, updated_at)
       VALUES (?, ?, 'x', 'u', 'zh-TW', ?, 0, ?, ?)`,
      [id, email, verified ? createdAt : null, createdAt, createdAt],
    );
    return id;
  };

  it('keys every row; in a collision the canonical spelling (else the verified, else the oldest) keeps the key', async () => {
    // Group 1: the canonical spelling exists (newest, unverified) — it must keep the key, the others their own.
    const g1canonical = await insert('ab@gmail.com', '2026-01-03', false);
    const g1older = await insert('a.b@gmail.com', '2026-01-01', true);
    const g1plus = await insert('ab+x@googlemail.com', '2026-01-02', true);
    // Group 2: no canonical spelling; the verified one keeps the key although it is younger.
    const g2unverified = await insert('c.d@gmail.com', '2026-01-01', false);
    const g2verified = await insert('cd+news@gmail.com', '2026-01-05', true);
    // Group 3: neither verified; the oldest keeps it.
    const g3old = await insert('e.f+1@example.org', '2026-01-01', false);
    const g3young = await insert('e.f+2@example.org', '2026-01-02', false);
    // No collision.
    const alone = await insert('jose@example.org', '2026-01-01', true);

    const q = ds.createQueryRunner();
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    let warnings: unknown[][];
    try {
      await new CanonicalEmails1764500000000().up(q);
    } finally {
      await q.release();
      warnings = [...warn.mock.calls];
      warn.mockRestore();
    }
    // One line per group, naming the accounts kept apart.
    expect(warnings).toHaveLength(3);
    expect(String(warnings[0]![0])).toContain(g1older);

    const keys = new Map(
      ((await ds.query('SELECT id, email_canonical AS k FROM users')) as { id: string; k: string }[]).map((r) => [r.id, r.k]),
    );
    expect(
      Object.fromEntries([g1canonical, g1older, g1plus, g2unverified, g2verified, g3old, g3young, alone].map((id) => [id, keys.get(id)])),
    ).toEqual({
      [g1canonical]: 'ab@gmail.com',
      [g1older]: 'a.b@gmail.com',
      [g1plus]: 'ab+x@googlemail.com',
      [g2unverified]: 'c.d@gmail.com',
      [g2verified]: 'cd@gmail.com',
      [g3old]: 'e.f@example.org',
      [g3young]: 'e.f+2@example.org',
      [alone]: 'jose@example.org',
    });
    // The unique index is in place, and the old one on `email` is gone: josé@ is another mailbox than jose@.
    await expect(insertKeyed('zz@gmail.com', 'ab@gmail.com')).rejects.toThrow(/Duplicate entry/);
    await expect(insertKeyed('josé@example.org', 'josé@example.org')).resolves.toBeUndefined();
  });

  const insertKeyed = async (email: string, key: string) => {
    await ds.query(
      `INSERT INTO users (id, email, email_canonical, password_hash, display_name, locale, token_version, created_at, updated_at)
       VALUES (?, ?, ?, 'x', 'u', 'zh-TW', 0, NOW(6), NOW(6))`,
      [randomUUID(), email, key],
    );
  };
});
