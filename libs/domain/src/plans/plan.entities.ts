import { Column, Entity, JoinColumn, ManyToOne, OneToMany, PrimaryColumn } from 'typeorm';

export const PLAN_STATUSES = ['draft', 'final'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

/** Where a commitment came from (the data's `origin_types`); one made from a proposal is `civil_society`. */
export const COMMITMENT_ORIGINS = ['civil_society', 'government_agency', 'task_force_civil_member', 'irm_researcher'] as const;
export type CommitmentOrigin = (typeof COMMITMENT_ORIGINS)[number];

export const PROGRESS_STATUSES = ['not_started', 'limited', 'substantial_or_complete'] as const;
export type ProgressStatus = (typeof PROGRESS_STATUSES)[number];

/** Stakeholders by group, as lists (the data's parsed `stakeholders`). */
export interface StakeholderLists {
  governmentZh: string[];
  civilSocietyZh: string[];
  otherZh: string[];
}

/** An agency as the sheet names it, with the code of the agency it resolves to (null for 各機關 and the like). */
export interface AgencyAsWritten {
  nameZh: string | null;
  code: string | null;
}

const json = { type: 'json' as const, nullable: true };

/** An Open Government National Action Plan, with every plan-level field of both templates. */
@Entity({ name: 'plans' })
export class Plan {
  @PrimaryColumn({ type: 'char', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 50 }) code: string;
  @Column({ name: 'title_zh', type: 'varchar', length: 300 }) titleZh: string;
  @Column({ name: 'title_en', type: 'varchar', length: 300 }) titleEn: string;
  /** `YYYY-MM`, or `YYYY` where the plan gives years only. */
  @Column({ name: 'period_start', type: 'varchar', length: 7 }) periodStart: string;
  @Column({ name: 'period_end', type: 'varchar', length: 7 }) periodEnd: string;
  @Column({ type: 'varchar', length: 20 }) status: PlanStatus;
  @Column({ name: 'status_zh', type: 'varchar', length: 50, nullable: true }) statusZh: string | null;
  @Column({ name: 'document_date', type: 'varchar', length: 7, nullable: true }) documentDate: string | null;
  @Column({ name: 'document_date_as_written_zh', type: 'varchar', length: 100, nullable: true }) documentDateAsWrittenZh: string | null;
  @Column({ name: 'report_title_zh', type: 'varchar', length: 300, nullable: true }) reportTitleZh: string | null;
  @Column({ name: 'report_title_en', type: 'varchar', length: 300, nullable: true }) reportTitleEn: string | null;
  @Column({ name: 'report_year', type: 'int', nullable: true }) reportYear: number | null;
  @Column({ ...json }) areas: unknown[] | null;
  @Column({ name: 'areas_source_zh', type: 'text', nullable: true }) areasSourceZh: string | null;
  @Column({ name: 'task_force_zh', type: 'varchar', length: 300, nullable: true }) taskForceZh: string | null;
  @Column({ name: 'task_force_en', type: 'varchar', length: 300, nullable: true }) taskForceEn: string | null;
  @Column({ name: 'task_force_composition_zh', type: 'text', nullable: true }) taskForceCompositionZh: string | null;
  @Column({ name: 'task_force_composition_en', type: 'text', nullable: true }) taskForceCompositionEn: string | null;
  @Column({ ...json, name: 'co_creation_process' }) coCreationProcess: unknown[] | null;
  @Column({ ...json, name: 'co_creation_facts' }) coCreationFacts: Record<string, unknown> | null;
  @Column({ ...json, name: 'origin_counts' }) originCounts: Record<string, unknown> | null;
  @Column({ ...json, name: 'sheet_questions_zh' }) sheetQuestionsZh: Record<string, unknown> | null;
  @Column({ ...json, name: 'description_questions_zh' }) descriptionQuestionsZh: Record<string, unknown> | null;
  @Column({ ...json, name: 'progress_scale' }) progressScale: unknown[] | null;
  @Column({ ...json, name: 'draft_commitment_list' }) draftCommitmentList: Record<string, unknown> | null;
  @Column({ name: 'source_seed', type: 'varchar', length: 100, nullable: true }) sourceSeed: string | null;
  @Column({ ...json, name: 'notes_en' }) notesEn: string[] | null;
  @Column({ name: 'created_at', type: 'datetime', precision: 6 }) createdAt: Date;
  @Column({ name: 'updated_at', type: 'datetime', precision: 6 }) updatedAt: Date;

  @OneToMany(() => Commitment, (c) => c.plan)
  commitments?: Commitment[];
}

/** A commitment (承諾事項) with every answer of both commitment sheets. */
@Entity({ name: 'commitments' })
export class Commitment {
  @PrimaryColumn({ type: 'char', length: 36 }) id: string;
  @Column({ name: 'plan_id', type: 'char', length: 36 }) planId: string;
  /** The proposal this commitment was made from (at most one commitment per proposal). */
  @Column({ name: 'proposal_id', type: 'char', length: 36, nullable: true }) proposalId: string | null;
  @Column({ type: 'varchar', length: 20 }) code: string;
  @Column({ type: 'int' }) position: number;
  @Column({ type: 'varchar', length: 30, nullable: true }) origin: CommitmentOrigin | null;
  @Column({ ...json, name: 'origin_types' }) originTypes: CommitmentOrigin[] | null;
  @Column({ name: 'origin_zh', type: 'text', nullable: true }) originZh: string | null;
  @Column({ name: 'origin_en', type: 'text', nullable: true }) originEn: string | null;
  @Column({ name: 'ordinal_zh', type: 'varchar', length: 20, nullable: true }) ordinalZh: string | null;
  @Column({ name: 'area_zh', type: 'varchar', length: 100, nullable: true }) areaZh: string | null;
  @Column({ name: 'area_en', type: 'varchar', length: 200, nullable: true }) areaEn: string | null;
  @Column({ name: 'title_zh', type: 'varchar', length: 500 }) titleZh: string;
  @Column({ name: 'title_en', type: 'varchar', length: 500, nullable: true }) titleEn: string | null;
  @Column({ name: 'summary_zh', type: 'text', nullable: true }) summaryZh: string | null;
  @Column({ name: 'lead_co_as_written_zh', type: 'varchar', length: 500, nullable: true }) leadCoAsWrittenZh: string | null;
  @Column({ name: 'lead_agency_as_written_zh', type: 'text', nullable: true }) leadAgencyAsWrittenZh: string | null;
  @Column({ name: 'lead_agency_as_written_en', type: 'text', nullable: true }) leadAgencyAsWrittenEn: string | null;
  @Column({ ...json, name: 'lead_agencies' }) leadAgencies: AgencyAsWritten[] | null;
  @Column({ ...json, name: 'co_agencies' }) coAgencies: AgencyAsWritten[] | null;
  @Column({ ...json }) stakeholders: StakeholderLists | null;
  @Column({ ...json, name: 'stakeholders_as_written_zh' }) stakeholdersAsWrittenZh: Record<string, string | null> | null;
  @Column({ name: 'stakeholders_other_as_written_zh', type: 'text', nullable: true }) stakeholdersOtherAsWrittenZh: string | null;
  @Column({ name: 'period_start', type: 'varchar', length: 7, nullable: true }) periodStart: string | null;
  @Column({ name: 'period_end', type: 'varchar', length: 7, nullable: true }) periodEnd: string | null;
  @Column({ name: 'period_as_written_zh', type: 'varchar', length: 100, nullable: true }) periodAsWrittenZh: string | null;
  @Column({ name: 'problem_zh', type: 'mediumtext', nullable: true }) problemZh: string | null;
  @Column({ name: 'problem_en', type: 'mediumtext', nullable: true }) problemEn: string | null;
  @Column({ name: 'problem_full_zh', type: 'mediumtext', nullable: true }) problemFullZh: string | null;
  @Column({ name: 'problem_cause_zh', type: 'mediumtext', nullable: true }) problemCauseZh: string | null;
  @Column({ ...json, name: 'description_zh' }) descriptionZh: Record<string, string | null> | null;
  @Column({ ...json, name: 'analysis_zh' }) analysisZh: Record<string, string | null> | null;
  @Column({ name: 'other_information_zh', type: 'mediumtext', nullable: true }) otherInformationZh: string | null;
  @Column({ name: 'results_summary_zh', type: 'mediumtext', nullable: true }) resultsSummaryZh: string | null;
  @Column({ name: 'results_summary_truncated', type: 'boolean', nullable: true }) resultsSummaryTruncated: boolean | null;
  @Column({ name: 'results_full_zh', type: 'mediumtext', nullable: true }) resultsFullZh: string | null;
  @Column({ name: 'contact_name', type: 'varchar', length: 200, nullable: true }) contactName: string | null;
  @Column({ name: 'contact_title_dept', type: 'varchar', length: 500, nullable: true }) contactTitleDept: string | null;
  @Column({ name: 'contact_job_title_zh', type: 'varchar', length: 300, nullable: true }) contactJobTitleZh: string | null;
  @Column({ name: 'contact_department_zh', type: 'varchar', length: 500, nullable: true }) contactDepartmentZh: string | null;
  @Column({ name: 'contact_email', type: 'varchar', length: 254, nullable: true }) contactEmail: string | null;
  @Column({ name: 'contact_phone', type: 'varchar', length: 200, nullable: true }) contactPhone: string | null;
  @Column({ name: 'contact_email_phone_as_written_zh', type: 'varchar', length: 500, nullable: true })
  contactEmailPhoneAsWrittenZh: string | null;
  @Column({ ...json, name: 'participants_government_zh' }) participantsGovernmentZh: string[] | null;
  @Column({ ...json, name: 'participants_civil_zh' }) participantsCivilZh: string[] | null;
  @Column({ name: 'note_en', type: 'text', nullable: true }) noteEn: string | null;
  @Column({ name: 'created_at', type: 'datetime', precision: 6 }) createdAt: Date;
  @Column({ name: 'updated_at', type: 'datetime', precision: 6 }) updatedAt: Date;

  @ManyToOne(() => Plan, (p) => p.commitments)
  @JoinColumn({ name: 'plan_id' })
  plan?: Plan;

  @OneToMany(() => CommitmentAgency, (a) => a.commitment)
  agencies?: CommitmentAgency[];

  @OneToMany(() => Milestone, (m) => m.commitment)
  milestones?: Milestone[];
}

/** The agencies a commitment resolves to, lead or co: who may report its progress. */
@Entity({ name: 'commitment_agencies' })
export class CommitmentAgency {
  @PrimaryColumn({ name: 'commitment_id', type: 'char', length: 36 }) commitmentId: string;
  @PrimaryColumn({ name: 'agency_id', type: 'char', length: 36 }) agencyId: string;
  @Column({ type: 'varchar', length: 10 }) role: 'lead' | 'co';
  @Column({ type: 'int' }) position: number;

  @ManyToOne(() => Commitment, (c) => c.agencies)
  @JoinColumn({ name: 'commitment_id' })
  commitment?: Commitment;
}

/** A milestone (2025 plan) or indicator (2021 plan): the same object. */
@Entity({ name: 'milestones' })
export class Milestone {
  @PrimaryColumn({ type: 'char', length: 36 }) id: string;
  @Column({ name: 'commitment_id', type: 'char', length: 36 }) commitmentId: string;
  @Column({ type: 'int' }) position: number;
  @Column({ name: 'title_zh', type: 'text' }) titleZh: string;
  @Column({ name: 'title_en', type: 'text', nullable: true }) titleEn: string | null;
  @Column({ name: 'expected_output_zh', type: 'text', nullable: true }) expectedOutputZh: string | null;
  @Column({ type: 'varchar', length: 7, nullable: true }) starts: string | null;
  @Column({ type: 'varchar', length: 7, nullable: true }) due: string | null;
  @Column({ name: 'stakeholders_as_written_zh', type: 'text', nullable: true }) stakeholdersAsWrittenZh: string | null;
  @Column({ ...json }) stakeholders: StakeholderLists | null;
  @Column({ name: 'stakeholders_from_merged_cell', type: 'boolean' }) stakeholdersFromMergedCell: boolean;
  @Column({ name: 'layout_note_en', type: 'text', nullable: true }) layoutNoteEn: string | null;
  @Column({ name: 'created_at', type: 'datetime', precision: 6 }) createdAt: Date;
  @Column({ name: 'updated_at', type: 'datetime', precision: 6 }) updatedAt: Date;

  @ManyToOne(() => Commitment, (c) => c.milestones)
  @JoinColumn({ name: 'commitment_id' })
  commitment?: Commitment;

  @OneToMany(() => MilestoneProgress, (p) => p.milestone)
  progress?: MilestoneProgress[];
}

/** The fields of one progress report, current or past. */
abstract class ProgressFields {
  @PrimaryColumn({ type: 'char', length: 36 }) id: string;
  @Column({ name: 'milestone_id', type: 'char', length: 36 }) milestoneId: string;
  @Column({ type: 'int' }) year: number;
  @Column({ type: 'varchar', length: 30 }) status: ProgressStatus;
  /** Only with `substantial_or_complete`: the milestone is complete, not only substantially advanced. */
  @Column({ type: 'boolean' }) complete: boolean;
  @Column({ type: 'mediumtext', nullable: true }) narrative: string | null;
  @Column({ name: 'narrative_en', type: 'mediumtext', nullable: true }) narrativeEn: string | null;
  @Column({ ...json, name: 'evidence_urls' }) evidenceUrls: string[] | null;
  /** The source's mark was ambiguous (the data's `progress_uncertain`). */
  @Column({ type: 'boolean' }) uncertain: boolean;
  @Column({ name: 'agency_id', type: 'char', length: 36, nullable: true }) agencyId: string | null;
  @Column({ name: 'reported_by', type: 'char', length: 36, nullable: true }) reportedBy: string | null;
}

/** The current report of a milestone for a year: one per milestone and year, replaced by a later report. */
@Entity({ name: 'milestone_progress' })
export class MilestoneProgress extends ProgressFields {
  @Column({ name: 'created_at', type: 'datetime', precision: 6 }) createdAt: Date;
  @Column({ name: 'updated_at', type: 'datetime', precision: 6 }) updatedAt: Date;

  @ManyToOne(() => Milestone, (m) => m.progress)
  @JoinColumn({ name: 'milestone_id' })
  milestone?: Milestone;
}

/** Every progress report ever made, current or replaced. */
@Entity({ name: 'milestone_progress_reports' })
export class MilestoneProgressReport extends ProgressFields {
  @Column({ name: 'reported_at', type: 'datetime', precision: 6 }) reportedAt: Date;
}
