import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsNull, type DataSource, type EntityManager } from 'typeorm';
import { AppConfig, Clock } from '#config';
import { BatchPool, newId } from '#database';
import { MailService } from '#mail';
import { Agency } from '../agencies/index.js';
import {
  ConflictError,
  InvalidInputError,
  NotFoundError,
  RuleViolationError,
  UnauthenticatedError,
  isDuplicateKeyError,
  HOUR,
  MicroBatcher,
  type Role,
} from '../shared/index.js';
import { hashToken, newSecretToken } from './account-tokens.js';
import { type AccountView, roleNames, sortRoles, toAccountView } from './account-view.js';
import { canonicalEmail, legacyEmailKey } from './email-identity.js';
import { dummyPasswordHash, hashPassword, verifyPassword } from './passwords.js';
import { AccountToken, type AccountTokenPurpose, User, UserRole } from './user.entity.js';

export const VERIFY_EMAIL_TTL_HOURS = 48;
export const PASSWORD_RESET_TTL_MINUTES = 60;

export interface Register {
  email: string;
  password: string;
  displayName: string;
  locale?: string;
}

export interface Principal {
  id: string;
  email: string;
  displayName: string;
  locale: string;
  agencyId: string | null;
  emailVerifiedAt: Date | null;
  tokenVersion: number;
  roles: string[];
}

/** The longest canonical key `users.email_canonical` holds (only compatibility characters make one longer than its address). */
const MAX_KEY_LENGTH = 254;

@Injectable()
export class AccountsService {
  private readonly logger = new Logger(AccountsService.name);

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly batchPool: BatchPool,
    private readonly mail: MailService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /**
   * Creates a citizen account and queues the verification mail, in one transaction. Accounts are unique by
   * mailbox (`canonicalEmail`): any spelling of a registered mailbox gets the same answer as the address itself.
   */
  async register(input: Register): Promise<{ id: string; email: string }> {
    const email = input.email.trim();
    const emailCanonical = identityKey(email);
    const passwordHash = await hashPassword(input.password);
    try {
      return await this.ds.transaction(async (em) => {
        if (await em.existsBy(User, { emailCanonical })) throw new ConflictError('an account with this email already exists');
        const now = this.clock.now();
        const user = em.create(User, {
          id: newId(),
          email,
          emailCanonical,
          passwordHash,
          displayName: input.displayName.trim(),
          locale: input.locale ?? 'zh-TW',
          emailVerifiedAt: null,
          agencyId: null,
          tokenVersion: 0,
          createdAt: now,
          updatedAt: now,
        });
        await em.insert(User, user);
        await em.insert(UserRole, { userId: user.id, role: 'citizen' });
        await this.queueVerificationMail(em, user);
        return { id: user.id, email };
      });
    } catch (err) {
      if (isDuplicateKeyError(err)) throw new ConflictError('an account with this email already exists');
      throw err;
    }
  }

  /** Marks the account verified. A link used a second time by an already verified account is fine. */
  async verifyEmail(token: string): Promise<AccountView> {
    return this.ds.transaction(async (em) => {
      const t = await this.findToken(em, token, 'verify_email');
      const user = await this.getUser(em, t.userId);
      if (t.usedAt && user.emailVerifiedAt) return toAccountView(user);
      this.assertUsable(t);
      const now = this.clock.now();
      await em.update(AccountToken, { id: t.id }, { usedAt: now });
      if (!user.emailVerifiedAt) {
        await em.update(User, { id: user.id }, { emailVerifiedAt: now, updatedAt: now });
        user.emailVerifiedAt = now;
      }
      return toAccountView(user);
    });
  }

  /** Sends a fresh verification link to a signed-in, unverified account. */
  async resendVerification(userId: string): Promise<void> {
    await this.ds.transaction(async (em) => {
      const user = await this.getUser(em, userId);
      if (user.emailVerifiedAt) throw new RuleViolationError('this email address is already verified');
      await this.queueVerificationMail(em, user);
    });
  }

  /** Always succeeds, so the answer does not reveal whether the address has an account. */
  async requestPasswordReset(rawEmail: string): Promise<void> {
    await this.ds.transaction(async (em) => {
      const user = await this.findByAddress(em, rawEmail);
      if (!user) return;
      const now = this.clock.now();
      const { token, hash } = newSecretToken();
      const tokenId = newId();
      await em.insert(AccountToken, {
        id: tokenId,
        userId: user.id,
        purpose: 'password_reset',
        tokenHash: hash,
        expiresAt: new Date(now.getTime() + PASSWORD_RESET_TTL_MINUTES * 60_000),
        usedAt: null,
        createdAt: now,
      });
      await this.mail.queue(em, {
        template: 'account.password-reset',
        to: user.email,
        locale: user.locale,
        userId: user.id,
        idempotencyKey: `account.password-reset:${tokenId}`,
        params: {
          displayName: user.displayName,
          url: `${this.config.publicUrl}/reset-password?token=${encodeURIComponent(token)}`,
          minutes: PASSWORD_RESET_TTL_MINUTES,
        },
      });
    });
  }

  /**
   * Sets a new password from a reset link. Every access token issued before stops working,
   * and every other outstanding reset link is voided. The link also proves the address, so it verifies it.
   */
  async confirmPasswordReset(token: string, password: string): Promise<void> {
    const passwordHash = await hashPassword(password);
    await this.ds.transaction(async (em) => {
      const t = await this.findToken(em, token, 'password_reset');
      this.assertUsable(t);
      const user = await this.getUser(em, t.userId);
      const now = this.clock.now();
      await em.update(AccountToken, { userId: user.id, purpose: 'password_reset', usedAt: IsNull() }, { usedAt: now });
      await em.update(
        User,
        { id: user.id },
        {
          passwordHash,
          tokenVersion: () => 'token_version + 1',
          emailVerifiedAt: user.emailVerifiedAt ?? now,
          updatedAt: now,
        },
      );
    });
  }

  /** Checks email (any spelling of the mailbox) and password; the same error for an unknown email and a wrong password. */
  async authenticate(rawEmail: string, password: string): Promise<User> {
    const user = await this.findByAddress(this.ds.manager, rawEmail, { withPassword: true });
    const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
    if (!user || !ok) throw new UnauthenticatedError('wrong email or password');
    return user;
  }

  /**
   * What an access token needs to know of its account, for every request: concurrent lookups are
   * answered by one query (a request does not wait for another, it joins the query in flight).
   */
  findPrincipal(id: string): Promise<Principal | null> {
    return this.principals.submit(id);
  }

  private readonly principals = new MicroBatcher<string, Principal | null>(
    async (ids) => {
      const unique = [...new Set(ids)];
      const [rows] = (await this.batchPool.pool.query(
        `SELECT u.id, u.email, u.display_name AS displayName, u.locale, u.agency_id AS agencyId,
              u.email_verified_at AS emailVerifiedAt, u.token_version AS tokenVersion, GROUP_CONCAT(r.role) AS roles
         FROM users u LEFT JOIN user_roles r ON r.user_id = u.id WHERE u.id IN (?) GROUP BY u.id`,
        [unique],
      )) as unknown as [(Omit<Principal, 'roles'> & { roles: string | null })[]];
      const byId = new Map(
        rows.map((r) => [r.id, { ...r, tokenVersion: Number(r.tokenVersion), roles: sortRoles(r.roles ? r.roles.split(',') : []) }]),
      );
      return ids.map((id) => byId.get(id) ?? null);
    },
    { maxBatch: 1000, concurrency: 2 },
  );

  async getView(id: string): Promise<AccountView> {
    return toAccountView(await this.getUser(this.ds.manager, id));
  }

  /**
   * Replaces a user's roles (admin only; the caller checks the role). `citizen` is always kept.
   * `agency_staff` needs an agency; an agency without `agency_staff` is refused.
   */
  async setRoles(actorId: string, userId: string, roles: Role[], agencyId: string | null | undefined): Promise<AccountView> {
    const wanted = new Set<Role>(['citizen', ...roles]);
    const isStaff = wanted.has('agency_staff');
    if (isStaff && !agencyId) throw new RuleViolationError('the agency_staff role needs an agencyId');
    if (!isStaff && agencyId) throw new RuleViolationError('agencyId is only for users with the agency_staff role');
    if (actorId === userId && !wanted.has('admin')) {
      throw new RuleViolationError('an admin cannot remove their own admin role');
    }
    return this.ds.transaction(async (em) => {
      const user = await this.getUser(em, userId);
      if (!user.emailVerifiedAt && [...wanted].some((r) => r !== 'citizen')) {
        throw new RuleViolationError('this account has not verified its email address; it cannot hold a staff role yet');
      }
      if (agencyId && !(await em.existsBy(Agency, { id: agencyId }))) {
        throw new RuleViolationError(`agency ${agencyId} does not exist`);
      }
      await em.delete(UserRole, { userId });
      await em.insert(
        UserRole,
        [...wanted].map((role) => ({ userId, role })),
      );
      await em.update(User, { id: userId }, { agencyId: isStaff ? agencyId! : null, updatedAt: this.clock.now() });
      this.logger.log({ actorId, userId, roles: [...wanted], agencyId: agencyId ?? null }, 'roles changed');
      return toAccountView({ ...user, agencyId: isStaff ? agencyId! : null, roles: [...wanted].map((role) => ({ userId, role })) } as User);
    });
  }

  /**
   * ADMIN_EMAIL/ADMIN_PASSWORD: make sure this verified admin exists. An existing account gets the
   * admin role, a verified address and, if it differs, the configured password.
   */
  async ensureAdmin(rawEmail: string, password: string): Promise<'created' | 'updated' | 'unchanged'> {
    const email = rawEmail.trim();
    const existing = await this.findByAddress(this.ds.manager, email, { withPassword: true });
    const now = this.clock.now();
    if (!existing) {
      const id = newId();
      const passwordHash = await hashPassword(password);
      await this.ds.transaction(async (em) => {
        await em.insert(User, {
          id,
          email,
          emailCanonical: identityKey(email),
          passwordHash,
          displayName: 'Administrator',
          locale: 'zh-TW',
          emailVerifiedAt: now,
          agencyId: null,
          tokenVersion: 0,
          createdAt: now,
          updatedAt: now,
        });
        await em.insert(UserRole, [
          { userId: id, role: 'citizen' },
          { userId: id, role: 'admin' },
        ]);
      });
      return 'created';
    }
    let changed = false;
    await this.ds.transaction(async (em) => {
      if (!roleNames(existing).includes('admin')) {
        await em.insert(UserRole, { userId: existing.id, role: 'admin' });
        changed = true;
      }
      if (!existing.emailVerifiedAt) {
        await em.update(User, { id: existing.id }, { emailVerifiedAt: now, updatedAt: now });
        changed = true;
      }
      if (!(await verifyPassword(existing.passwordHash, password))) {
        await em.update(
          User,
          { id: existing.id },
          { passwordHash: await hashPassword(password), tokenVersion: () => 'token_version + 1', updatedAt: now },
        );
        changed = true;
      }
    });
    return changed ? 'updated' : 'unchanged';
  }

  /** Creates a verified account with the given roles (demo data and tests); returns its id. */
  async createVerifiedAccount(input: Register & { roles?: Role[]; agencyId?: string | null }): Promise<string> {
    const id = newId();
    const now = this.clock.now();
    const passwordHash = await hashPassword(input.password);
    const roles = new Set<Role>(['citizen', ...(input.roles ?? [])]);
    await this.ds.transaction(async (em) => {
      await em.insert(User, {
        id,
        email: input.email.trim(),
        emailCanonical: identityKey(input.email),
        passwordHash,
        displayName: input.displayName,
        locale: input.locale ?? 'zh-TW',
        emailVerifiedAt: now,
        agencyId: input.agencyId ?? null,
        tokenVersion: 0,
        createdAt: now,
        updatedAt: now,
      });
      await em.insert(
        UserRole,
        [...roles].map((role) => ({ userId: id, role })),
      );
    });
    return id;
  }

  private async queueVerificationMail(em: EntityManager, user: User): Promise<void> {
    const now = this.clock.now();
    const { token, hash } = newSecretToken();
    const tokenId = newId();
    await em.insert(AccountToken, {
      id: tokenId,
      userId: user.id,
      purpose: 'verify_email',
      tokenHash: hash,
      expiresAt: new Date(now.getTime() + VERIFY_EMAIL_TTL_HOURS * HOUR),
      usedAt: null,
      createdAt: now,
    });
    await this.mail.queue(em, {
      template: 'account.verify-email',
      to: user.email,
      locale: user.locale,
      userId: user.id,
      idempotencyKey: `account.verify-email:${tokenId}`,
      params: {
        displayName: user.displayName,
        url: `${this.config.publicUrl}/verify-email?token=${encodeURIComponent(token)}`,
        hours: VERIFY_EMAIL_TTL_HOURS,
      },
    });
  }

  /**
   * The account of an address, however it is spelled: by its canonical key, or, for an account that kept its old
   * key when the keys were introduced (migration 1764500000000), by exactly the address it registered with.
   */
  private async findByAddress(em: EntityManager, address: string, opts: { withPassword?: boolean } = {}): Promise<User | null> {
    const canonical = canonicalEmail(address);
    const legacy = legacyEmailKey(address);
    const qb = em
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.emailCanonical')
      .leftJoinAndSelect('u.roles', 'r')
      .where('u.emailCanonical IN (:...keys)', { keys: [...new Set([canonical, legacy])] });
    if (opts.withPassword) qb.addSelect('u.passwordHash');
    const users = await qb.getMany();
    return users.find((u) => u.emailCanonical === legacy) ?? users.find((u) => u.emailCanonical === canonical) ?? null;
  }

  private async findToken(em: EntityManager, token: string, purpose: AccountTokenPurpose): Promise<AccountToken> {
    const t = await em.findOne(AccountToken, { where: { tokenHash: hashToken(token), purpose }, lock: { mode: 'pessimistic_write' } });
    if (!t) throw new InvalidInputError('the link is not valid');
    return t;
  }

  private assertUsable(t: AccountToken): void {
    if (t.usedAt) throw new RuleViolationError('the link has already been used');
    if (t.expiresAt.getTime() <= this.clock.now().getTime()) throw new RuleViolationError('the link has expired');
  }

  private async getUser(em: EntityManager, id: string): Promise<User> {
    const user = await em.findOne(User, { where: { id }, relations: { roles: true } });
    if (!user) throw new NotFoundError('user', id);
    return user;
  }
}

function identityKey(address: string): string {
  const key = canonicalEmail(address);
  if (key.length > MAX_KEY_LENGTH) throw new InvalidInputError('this email address is too long');
  return key;
}
