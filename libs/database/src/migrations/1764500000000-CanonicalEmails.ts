import { domainToASCII } from 'node:url';
import type { MigrationInterface, QueryRunner } from 'typeorm';

const BATCH = 1000;
const KEY_LENGTH = 254;

/**
 * One mailbox, one identity: `users.email_canonical`, unique, is what accounts are told apart by (the domain's
 * `canonicalEmail()`: `A.B+x@GMail.com` and `ab@gmail.com` are one key); `users.email` keeps the address as typed,
 * where mail goes. The old unique index on `email` goes: its collation (utf8mb4_unicode_ci) is accent-insensitive,
 * so it also refused `jose@` beside `josé@`, two different mailboxes.
 *
 * Backfill (in this migration, because the unique index needs every row keyed): each row gets the canonical key of
 * its address. Where existing accounts collide (one mailbox registered under several spellings before this), one
 * keeps the canonical key — the one whose stored address already is that key (it must: its old key equals the
 * canonical one), else the verified one, else the oldest — and each other keeps its old key (its stored, lower-cased
 * address) and can still sign in with exactly that address (`AccountsService` looks the old key up too). Such an
 * old key is never the canonical key of any address (the canonical key of a canonical key is itself), so no later
 * registration can take it. The same applies to an address whose canonical key would not fit the column. Nothing
 * is merged or deleted; the accounts kept apart are listed in the log for an operator to look at.
 *
 * Upgrade with the older API stopped (it does not write `email_canonical`, which ends NOT NULL).
 *
 * The rules are copied here as they were when this ran: a later change to `canonicalEmail()` needs its own
 * migration to re-key the rows (a unit test compares the two, so that change cannot go unnoticed).
 */
export class CanonicalEmails1764500000000 implements MigrationInterface {
  name = 'CanonicalEmails1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE users ADD COLUMN email_canonical VARCHAR(${KEY_LENGTH}) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL AFTER email`,
    );
    // Batches until none is left. Stop older APIs before this runs: they do not write the column, so a row they
    // insert after the last batch fails the NOT NULL below, and after it every registration of theirs fails.
    for (;;) {
      const rows = (await q.query('SELECT id, email FROM users WHERE email_canonical IS NULL ORDER BY id LIMIT ?', [BATCH])) as {
        id: string;
        email: string;
      }[];
      if (!rows.length) break;
      const keys = rows.map((r) => {
        const key = canonicalEmailAsOf1764500000000(r.email);
        return key.length <= KEY_LENGTH ? key : legacyKey(r.email);
      });
      await q.query(`UPDATE users SET email_canonical = CASE id ${rows.map(() => 'WHEN ? THEN ?').join(' ')} END WHERE id IN (?)`, [
        ...rows.flatMap((r, i) => [r.id, keys[i]]),
        rows.map((r) => r.id),
      ]);
    }

    const groups = (await q.query('SELECT email_canonical AS k FROM users GROUP BY email_canonical HAVING COUNT(*) > 1')) as {
      k: string;
    }[];
    for (const { k } of groups) {
      const rows = (await q.query(
        'SELECT id, email, email_verified_at IS NOT NULL AS verified FROM users WHERE email_canonical = ? ORDER BY created_at, id',
        [k],
      )) as { id: string; email: string; verified: number }[];
      // Stable sort: the row whose old key is the canonical key first, then verified ones, each oldest first.
      rows.sort((a, b) => Number(legacyKey(b.email) === k) - Number(legacyKey(a.email) === k) || Number(b.verified) - Number(a.verified));
      const [keeper, ...others] = rows;
      for (const r of others) await q.query('UPDATE users SET email_canonical = ? WHERE id = ?', [legacyKey(r.email), r.id]);
      console.warn(
        `migration ${this.name}: the accounts ${others.map((r) => r.id).join(', ')} share a mailbox with ${keeper!.id} (${k}); ` +
          'each keeps signing in with exactly the address it registered with, and no new account can take that mailbox',
      );
    }

    await q.query(`ALTER TABLE users
      MODIFY email_canonical VARCHAR(${KEY_LENGTH}) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
      ADD CONSTRAINT uq_users__email_canonical UNIQUE (email_canonical),
      DROP INDEX uq_users__email`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      'ALTER TABLE users DROP INDEX uq_users__email_canonical, DROP COLUMN email_canonical, ADD CONSTRAINT uq_users__email UNIQUE (email)',
    );
  }
}

function legacyKey(address: string): string {
  return address.trim().toLowerCase();
}

/** `canonicalEmail()` of libs/domain/src/accounts/email-identity.ts as of this migration (see there for the rules). */
export function canonicalEmailAsOf1764500000000(address: string): string {
  const fold = (s: string) => {
    let out = s;
    for (let i = 0; i < 4; i++) {
      const next = out
        .normalize('NFKC')
        .replace(/\p{Default_Ignorable_Code_Point}/gu, '')
        .toLowerCase()
        .normalize('NFKC');
      if (next === out) break;
      out = next;
    }
    return out;
  };
  const folded = fold(address).trim();
  const at = folded.lastIndexOf('@');
  if (at <= 0 || at === folded.length - 1) return folded;
  let local = folded.slice(0, at);
  let domain = domainToASCII(folded.slice(at + 1)).toLowerCase() || folded.slice(at + 1);
  const plus = local.indexOf('+');
  if (plus > 0) local = local.slice(0, plus);
  if (domain === 'gmail.com' || domain === 'googlemail.com') {
    domain = 'gmail.com';
    local = local.replaceAll('.', '') || local;
  }
  return `${local}@${domain}`;
}
