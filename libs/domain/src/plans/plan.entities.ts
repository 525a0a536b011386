import { Column, Entity, JoinColumn, ManyToOne, OneToMany, PrimaryColumn } from 'typeorm';

/** An Open Government National Action Plan. (Minimal here; the plans issue completes it.) */
@Entity({ name: 'plans' })
export class Plan {
  @PrimaryColumn({ type: 'char', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 50 })
  code: string;

  @Column({ name: 'title_zh', type: 'varchar', length: 300 })
  titleZh: string;

  @Column({ name: 'title_en', type: 'varchar', length: 300 })
  titleEn: string;

  @Column({ name: 'period_start', type: 'varchar', length: 7 })
  periodStart: string;

  @Column({ name: 'period_end', type: 'varchar', length: 7 })
  periodEnd: string;

  /** draft | adopted */
  @Column({ type: 'varchar', length: 20 })
  status: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 6 })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 6 })
  updatedAt: Date;

  @OneToMany(() => Commitment, (c) => c.plan)
  commitments?: Commitment[];
}

@Entity({ name: 'commitments' })
export class Commitment {
  @PrimaryColumn({ type: 'char', length: 36 })
  id: string;

  @Column({ name: 'plan_id', type: 'char', length: 36 })
  planId: string;

  @Column({ type: 'varchar', length: 20 })
  code: string;

  @Column({ type: 'int' })
  position: number;

  @Column({ name: 'area_zh', type: 'varchar', length: 100, nullable: true })
  areaZh: string | null;

  @Column({ name: 'area_en', type: 'varchar', length: 200, nullable: true })
  areaEn: string | null;

  @Column({ name: 'title_zh', type: 'varchar', length: 500 })
  titleZh: string;

  @Column({ name: 'title_en', type: 'varchar', length: 500, nullable: true })
  titleEn: string | null;

  @Column({ name: 'summary_zh', type: 'text', nullable: true })
  summaryZh: string | null;

  @Column({ name: 'lead_co_as_written_zh', type: 'varchar', length: 500, nullable: true })
  leadCoAsWrittenZh: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 6 })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 6 })
  updatedAt: Date;

  @ManyToOne(() => Plan, (p) => p.commitments)
  @JoinColumn({ name: 'plan_id' })
  plan?: Plan;

  @OneToMany(() => CommitmentAgency, (a) => a.commitment)
  agencies?: CommitmentAgency[];

  @OneToMany(() => Milestone, (m) => m.commitment)
  milestones?: Milestone[];
}

@Entity({ name: 'commitment_agencies' })
export class CommitmentAgency {
  @PrimaryColumn({ name: 'commitment_id', type: 'char', length: 36 })
  commitmentId: string;

  @PrimaryColumn({ name: 'agency_id', type: 'char', length: 36 })
  agencyId: string;

  /** lead | co */
  @Column({ type: 'varchar', length: 10 })
  role: string;

  @Column({ type: 'int' })
  position: number;

  @ManyToOne(() => Commitment, (c) => c.agencies)
  @JoinColumn({ name: 'commitment_id' })
  commitment?: Commitment;
}

@Entity({ name: 'milestones' })
export class Milestone {
  @PrimaryColumn({ type: 'char', length: 36 })
  id: string;

  @Column({ name: 'commitment_id', type: 'char', length: 36 })
  commitmentId: string;

  @Column({ type: 'int' })
  position: number;

  @Column({ name: 'title_zh', type: 'text' })
  titleZh: string;

  @Column({ name: 'title_en', type: 'text', nullable: true })
  titleEn: string | null;

  @Column({ name: 'expected_output_zh', type: 'text', nullable: true })
  expectedOutputZh: string | null;

  @Column({ type: 'varchar', length: 7, nullable: true })
  starts: string | null;

  @Column({ type: 'varchar', length: 7, nullable: true })
  due: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 6 })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 6 })
  updatedAt: Date;

  @ManyToOne(() => Commitment, (c) => c.milestones)
  @JoinColumn({ name: 'commitment_id' })
  commitment?: Commitment;

  @OneToMany(() => MilestoneProgress, (p) => p.milestone)
  progress?: MilestoneProgress[];
}

export const PROGRESS_STATUSES = ['not_started', 'limited', 'substantial_or_complete'] as const;

@Entity({ name: 'milestone_progress' })
export class MilestoneProgress {
  @PrimaryColumn({ type: 'char', length: 36 })
  id: string;

  @Column({ name: 'milestone_id', type: 'char', length: 36 })
  milestoneId: string;

  @Column({ type: 'int' })
  year: number;

  @Column({ type: 'varchar', length: 30 })
  status: (typeof PROGRESS_STATUSES)[number];

  @Column({ type: 'text', nullable: true })
  narrative: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 6 })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 6 })
  updatedAt: Date;

  @ManyToOne(() => Milestone, (m) => m.progress)
  @JoinColumn({ name: 'milestone_id' })
  milestone?: Milestone;
}
