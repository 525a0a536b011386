import type { DataSource } from 'typeorm';
import { TokenService } from '#auth';
import { newId } from '#database';
import { canonicalEmail } from '#domain';
import { hashPasswordForTests } from '../passwords.js';

export interface FactoryUser {
  id: string;
  email: string;
}

export interface FastUser extends FactoryUser {
  token: string;
}

export interface UserSpec {
  tag?: string;
  /** Roles besides citizen (every account is a citizen). */
  roles?: string[];
  /** For agency staff. */
  agencyId?: string | null;
  locale?: string;
  displayName?: string;
}

let seq = 0;

/**
 * Verified accounts written straight to the database, many at once (one shared password hash: the test password),
 * for crowds of endorsers and for the cast of a service test.
 */
export async function insertUsers(ds: DataSource, n: number, spec: UserSpec = {}): Promise<FactoryUser[]> {
  const hash = await hashPasswordForTests();
  const now = new Date();
  const tag = spec.tag ?? 'crowd';
  const stamp = `${Date.now().toString(36)}${(seq += 1)}`;
  const users = Array.from({ length: n }, (_, i) => ({ id: newId(), email: `${tag}.${i}.${stamp}@example.org` }));
  const roles = ['citizen', ...(spec.roles ?? [])];
  for (let i = 0; i < users.length; i += 500) {
    const chunk = users.slice(i, i + 500);
    await ds.query(
      `INSERT INTO users (id, email, email_canonical, password_hash, display_name, locale, email_verified_at, agency_id, token_version, created_at, updated_at)
       VALUES ${chunk.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)').join(', ')}`,
      chunk.flatMap((u) => [
        u.id,
        u.email,
        canonicalEmail(u.email),
        hash,
        spec.displayName ?? `附議者 ${u.email.split('.')[1]}`,
        spec.locale ?? 'zh-TW',
        now,
        spec.agencyId ?? null,
        now,
        now,
      ]),
    );
    await ds.query(
      `INSERT INTO user_roles (user_id, role) VALUES ${chunk.flatMap(() => roles.map(() => '(?, ?)')).join(', ')}`,
      chunk.flatMap((u) => roles.flatMap((r) => [u.id, r])),
    );
  }
  return users;
}

export async function insertUser(ds: DataSource, spec: UserSpec = {}): Promise<FactoryUser> {
  return (await insertUsers(ds, 1, spec))[0]!;
}

/**
 * Many verified citizens at once, written straight to the database, with access tokens from the app's own
 * TokenService. For tests that need crowds of endorsers.
 */
export async function createVerifiedUsers(
  t: { ds: DataSource; app: { get(token: typeof TokenService): TokenService } },
  n: number,
  tag = 'crowd',
): Promise<FastUser[]> {
  const users = await insertUsers(t.ds, n, { tag });
  const tokens = t.app.get(TokenService);
  return users.map((u) => ({ ...u, token: tokens.issue({ id: u.id, tokenVersion: 0 }) }));
}
