import { TokenService } from '#auth';
import { newId } from '#database';
import { hashPasswordForTests } from './passwords.js';
import type { TestApp } from './test-app.js';

export interface FastUser {
  id: string;
  email: string;
  token: string;
}

/**
 * Many verified citizens at once, written straight to the database (one shared password hash), with
 * access tokens from the app's own TokenService. For tests that need crowds of endorsers.
 */
export async function createVerifiedUsers(t: TestApp, n: number, tag = 'crowd'): Promise<FastUser[]> {
  const hash = await hashPasswordForTests();
  const now = new Date();
  const users = Array.from({ length: n }, (_, i) => ({ id: newId(), email: `${tag}.${i}.${Date.now().toString(36)}@example.org` }));
  for (let i = 0; i < users.length; i += 500) {
    const chunk = users.slice(i, i + 500);
    await t.ds.query(
      `INSERT INTO users (id, email, password_hash, display_name, locale, email_verified_at, agency_id, token_version, created_at, updated_at)
       VALUES ${chunk.map(() => "(?, ?, ?, ?, 'zh-TW', ?, NULL, 0, ?, ?)").join(', ')}`,
      chunk.flatMap((u) => [u.id, u.email, hash, `附議者 ${u.email.split('.')[1]}`, now, now, now]),
    );
    await t.ds.query(`INSERT INTO user_roles (user_id, role) VALUES ${chunk.map(() => "(?, 'citizen')").join(', ')}`, chunk.map((u) => u.id));
  }
  const tokens = t.app.get(TokenService);
  return users.map((u) => ({ ...u, token: tokens.issue({ id: u.id, tokenVersion: 0 }) }));
}
