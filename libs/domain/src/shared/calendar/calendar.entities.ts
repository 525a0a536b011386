import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CalendarDayKind } from '../time.js';

/** A year of the official calendar an admin loaded (or the platform loaded from data/calendar/ on start). */
@Entity('calendar_years')
export class CalendarYear {
  @PrimaryColumn({ type: 'smallint' })
  year: number;

  /** Where the list comes from (the official document), as the loader said. */
  @Column({ type: 'varchar', length: 1000 })
  source: string;

  @Column({ name: 'loaded_by', type: 'char', length: 36, nullable: true })
  loadedBy: string | null;

  @Column({ name: 'loaded_at', type: 'datetime', precision: 6 })
  loadedAt: Date;
}

/** One dated entry of a loaded year: a day off (a holiday or a day given in its place) or a make-up working day. */
@Entity('calendar_days')
export class CalendarDay {
  @PrimaryColumn({ type: 'date' })
  date: string;

  @Column({ type: 'smallint' })
  year: number;

  @Column({ type: 'varchar', length: 20 })
  kind: CalendarDayKind;

  @Column({ name: 'name_zh', type: 'varchar', length: 100 })
  nameZh: string;

  @Column({ name: 'name_en', type: 'varchar', length: 200, nullable: true })
  nameEn: string | null;
}

/** A period during which new proposals and endorsements pause (Join: the 60 days before a national election). */
@Entity('quiet_periods')
export class QuietPeriod {
  @PrimaryColumn({ type: 'char', length: 36 })
  id: string;

  /** First day, a Taiwan date (YYYY-MM-DD). */
  @Column({ name: 'starts_on', type: 'date' })
  startsOn: string;

  /** Last day, inclusive, a Taiwan date. */
  @Column({ name: 'ends_on', type: 'date' })
  endsOn: string;

  @Column({ name: 'reason_zh', type: 'varchar', length: 500 })
  reasonZh: string;

  @Column({ name: 'reason_en', type: 'varchar', length: 500, nullable: true })
  reasonEn: string | null;

  @Column({ name: 'created_by', type: 'char', length: 36 })
  createdBy: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 6 })
  createdAt: Date;

  @Column({ name: 'cancelled_by', type: 'char', length: 36, nullable: true })
  cancelledBy: string | null;

  @Column({ name: 'cancelled_at', type: 'datetime', precision: 6, nullable: true })
  cancelledAt: Date | null;
}
