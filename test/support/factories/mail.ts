import type { DataSource } from 'typeorm';
import { MailMessage } from '#mail';

/** A mail row written straight to the table, with no outbox row: only the test that wrote it sends it. */
export async function insertPendingMail(
  t: { ds: DataSource },
  mail: Pick<MailMessage, 'id' | 'idempotencyKey' | 'template' | 'locale' | 'toAddress' | 'userId' | 'params'> &
    Partial<Pick<MailMessage, 'optOutScope'>>,
): Promise<void> {
  const now = new Date();
  await t.ds.getRepository(MailMessage).insert({
    optOutScope: null,
    ...mail,
    status: 'pending',
    attempts: 0,
    leaseUntil: null,
    sentAt: null,
    providerMessageId: null,
    lastError: null,
    createdAt: now,
    updatedAt: now,
  } as never);
}
