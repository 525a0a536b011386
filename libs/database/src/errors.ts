/** MySQL/MariaDB duplicate-key error (ER_DUP_ENTRY), as raised through TypeORM. */
export function isDuplicateKeyError(err: unknown): boolean {
  const e = err as { code?: string; driverError?: { code?: string } } | undefined;
  return e?.code === 'ER_DUP_ENTRY' || e?.driverError?.code === 'ER_DUP_ENTRY';
}
