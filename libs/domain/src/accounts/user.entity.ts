import { Column, Entity, JoinColumn, ManyToOne, OneToMany, PrimaryColumn } from 'typeorm';

@Entity({ name: 'users' })
export class User {
  @PrimaryColumn({ type: 'char', length: 36 })
  id: string;

  /** The address as the user typed it (trimmed): where mail goes, what the account shows. */
  @Column({ type: 'varchar', length: 254 })
  email: string;

  /**
   * Who the account is: `canonicalEmail(email)`, unique, so no spelling of one mailbox makes a second account.
   * (An account that collided with an older one when the key was introduced keeps its old key; see migration
   * 1764500000000.)
   */
  @Column({ name: 'email_canonical', type: 'varchar', length: 254, select: false })
  emailCanonical: string;

  @Column({ name: 'password_hash', type: 'varchar', length: 255, select: false })
  passwordHash: string;

  @Column({ name: 'display_name', type: 'varchar', length: 100 })
  displayName: string;

  @Column({ type: 'varchar', length: 10 })
  locale: string;

  @Column({ name: 'email_verified_at', type: 'datetime', precision: 6, nullable: true })
  emailVerifiedAt: Date | null;

  @Column({ name: 'agency_id', type: 'char', length: 36, nullable: true })
  agencyId: string | null;

  /** Part of every access token; incremented when the password changes, which revokes older tokens. */
  @Column({ name: 'token_version', type: 'int', default: 0 })
  tokenVersion: number;

  @Column({ name: 'created_at', type: 'datetime', precision: 6 })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 6 })
  updatedAt: Date;

  @OneToMany(() => UserRole, (r) => r.user)
  roles: UserRole[];
}

@Entity({ name: 'user_roles' })
export class UserRole {
  @PrimaryColumn({ name: 'user_id', type: 'char', length: 36 })
  userId: string;

  @PrimaryColumn({ type: 'varchar', length: 20 })
  role: string;

  @ManyToOne(() => User, (u) => u.roles, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;
}

export type AccountTokenPurpose = 'verify_email' | 'password_reset';

/** A single-use secret sent by mail. Only its SHA-256 is stored. */
@Entity({ name: 'account_tokens' })
export class AccountToken {
  @PrimaryColumn({ type: 'char', length: 36 })
  id: string;

  @Column({ name: 'user_id', type: 'char', length: 36 })
  userId: string;

  @Column({ type: 'varchar', length: 20 })
  purpose: AccountTokenPurpose;

  @Column({ name: 'token_hash', type: 'char', length: 64 })
  tokenHash: string;

  @Column({ name: 'expires_at', type: 'datetime', precision: 6 })
  expiresAt: Date;

  @Column({ name: 'used_at', type: 'datetime', precision: 6, nullable: true })
  usedAt: Date | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 6 })
  createdAt: Date;
}
