import { Column, Entity, PrimaryColumn } from 'typeorm';

/** `cancelled`: its recipient unsubscribed from this kind of mail before it went out. */
export type MailStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'cancelled';

/** One mail to one recipient. The row is written with the change that causes it; the worker sends it. */
@Entity({ name: 'mail_messages' })
export class MailMessage {
  @PrimaryColumn({ type: 'char', length: 36 })
  id: string;

  /** Unique per logical mail (e.g. `verify-email:<tokenId>`): queueing it twice yields one row. */
  @Column({ name: 'idempotency_key', type: 'varchar', length: 191 })
  idempotencyKey: string;

  @Column({ type: 'varchar', length: 100 })
  template: string;

  @Column({ type: 'varchar', length: 10 })
  locale: string;

  @Column({ name: 'to_address', type: 'varchar', length: 254 })
  toAddress: string;

  @Column({ name: 'user_id', type: 'char', length: 36, nullable: true })
  userId: string | null;

  /** The kind of mail the recipient can leave through its unsubscribe link (see mail_opt_outs); null for account mail. */
  @Column({ name: 'opt_out_scope', type: 'varchar', length: 60, nullable: true })
  optOutScope: string | null;

  @Column({ type: 'json' })
  params: Record<string, unknown>;

  @Column({ type: 'varchar', length: 20, default: 'pending' })
  status: MailStatus;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ name: 'lease_until', type: 'datetime', precision: 6, nullable: true })
  leaseUntil: Date | null;

  /** The worker instance (worker_instances.id) holding the lease. */
  @Column({ name: 'lease_owner', type: 'char', length: 36, nullable: true })
  leaseOwner: string | null;

  /**
   * An attempt took this mail over from one that died mid-send (its worker stopped beating, or its lease ran out),
   * which may have delivered it already: SMTP cannot be asked. It was sent again, with the same Message-ID.
   */
  @Column({ name: 'in_doubt_at', type: 'datetime', precision: 6, nullable: true })
  inDoubtAt: Date | null;

  @Column({ name: 'sent_at', type: 'datetime', precision: 6, nullable: true })
  sentAt: Date | null;

  @Column({ name: 'provider_message_id', type: 'varchar', length: 255, nullable: true })
  providerMessageId: string | null;

  @Column({ name: 'last_error', type: 'varchar', length: 1000, nullable: true })
  lastError: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 6 })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 6 })
  updatedAt: Date;
}
