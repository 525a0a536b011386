import type { DataSource } from 'typeorm';
import { newId } from '#database';

const DAY = 86_400_000;

export interface CallSpec {
  /** Defaults: opened yesterday, closes in 30 days (of `now`). */
  now?: Date;
  opensAt?: Date;
  closesAt?: Date;
  threshold?: number;
  endorsementDays?: number;
  responseDays?: number;
  routeToSuggestedAgency?: boolean;
}

/** A call for proposals, written straight to the database. */
export async function insertCall(ds: DataSource, spec: CallSpec = {}): Promise<string> {
  const now = spec.now ?? new Date();
  const id = newId();
  await ds.query(
    `INSERT INTO calls (id, title_zh, title_en, opens_at, closes_at, endorsement_threshold, endorsement_days, response_days, route_to_suggested_agency, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      id,
      '測試徵集',
      'Test call',
      spec.opensAt ?? new Date(now.getTime() - DAY),
      spec.closesAt ?? new Date(now.getTime() + 30 * DAY),
      spec.threshold ?? 5,
      spec.endorsementDays ?? 60,
      spec.responseDays ?? 60,
      spec.routeToSuggestedAgency === false ? 0 : 1,
      now,
      now,
    ],
  );
  return id;
}
