import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A call for proposals (徵集) and the rules its proposals live by. */
@Entity({ name: 'calls' })
export class Call {
  @PrimaryColumn({ type: 'char', length: 36 })
  id: string;

  @Column({ name: 'title_zh', type: 'varchar', length: 300 })
  titleZh: string;

  @Column({ name: 'title_en', type: 'varchar', length: 300 })
  titleEn: string;

  @Column({ name: 'opens_at', type: 'datetime', precision: 6 })
  opensAt: Date;

  @Column({ name: 'closes_at', type: 'datetime', precision: 6 })
  closesAt: Date;

  @Column({ name: 'endorsement_threshold', type: 'int' })
  endorsementThreshold: number;

  @Column({ name: 'endorsement_days', type: 'int' })
  endorsementDays: number;

  @Column({ name: 'response_days', type: 'int' })
  responseDays: number;

  @Column({ name: 'route_to_suggested_agency', type: 'boolean' })
  routeToSuggestedAgency: boolean;

  @Column({ name: 'created_at', type: 'datetime', precision: 6 })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 6 })
  updatedAt: Date;
}
