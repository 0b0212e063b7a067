import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import { MEETING_ENTITIES } from './meeting.entities.js';

/*
 * Governance content: cases and their numbers, the service inventory, the documents
 * that completed forms, decision records and requests for review. Owned by
 * libs/governance; plain id columns, as in entities.ts.
 */

/** Gap-free running numbers (diary numbers, § numbers per body): one row per series and year, bumped under its row lock. */
@Entity('number_series')
export class NumberSeriesEntity {
  @PrimaryColumn('text') series!: string;
  @PrimaryColumn('integer') year!: number;
  @Column('integer', { name: 'last_value' }) lastValue!: number;
}

/** Every instance is a case: a diary number `NNNN-YYYY` and a task classification code. */
@Entity('cases')
@Index(['diaryYear', 'diarySequence'], { unique: true })
export class CaseEntity {
  @PrimaryColumn('uuid', { name: 'instance_id' }) instanceId!: string;
  @Index({ unique: true }) @Column('text', { name: 'diary_number' }) diaryNumber!: string;
  @Column('integer', { name: 'diary_year' }) diaryYear!: number;
  @Column('integer', { name: 'diary_sequence' }) diarySequence!: number;
  @Column('text') classification!: string;
  @Column('text', { nullable: true }) title!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

/** One service of an instance's mapping (the service inventory). */
@Entity('service_rows')
@Index(['instanceId', 'position'], { unique: true })
export class ServiceRowEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'instance_id' }) instanceId!: string;
  @Column('integer') position!: number;
  @Column('text') service!: string;
  @Column('text', { name: 'provider_type' }) providerType!: string;
  @Column('text', { name: 'provider_name' }) providerName!: string;
  @Column('text') sector!: string;
  @Column('text', { name: 'age_groups', array: true }) ageGroups!: string[];
  @Column('text') targeting!: string;
  @Column('numeric', { precision: 14, scale: 2 }) euros!: string;
  @Column('numeric', { name: 'person_years', precision: 10, scale: 2, nullable: true }) personYears!: string | null;
  /** Users by age group where known: {"0-6": 120, …}. */
  @Column('jsonb', { nullable: true }) users!: Record<string, number> | null;
  @Column('text', { nullable: true }) notes!: string | null;
  @Column('text', { name: 'updated_by' }) updatedBy!: string;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}

/** The whole data of a completed form (the full assessment, the review): kept here, not in the engine's variables. */
@Entity('form_submissions')
@Index(['instanceId', 'formKey', 'submittedAt'])
export class FormSubmissionEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'instance_id' }) instanceId!: string;
  @Column('uuid', { name: 'task_id', nullable: true }) taskId!: string | null;
  @Column('text', { name: 'form_key' }) formKey!: string;
  @Column('jsonb') data!: Record<string, unknown>;
  @Column('text', { name: 'submitted_by' }) submittedBy!: string;
  @Column('timestamptz', { name: 'submitted_at' }) submittedAt!: Date;
}

export type DecisionOutcome = 'approved' | 'amended' | 'tabled' | 'returned' | 'rejected';
/**
 * `appeal-period`: published, the notice and review periods run; `final`: they passed without a
 * request (approved and amended decisions then go to enforcement); `under-review`: a request for
 * review arrived and the matter is back with the body; `reviewed`: the body decided the request;
 * `no-appeal`: a procedural decision (tabled, returned) or a rejection, nothing to enforce;
 * `awaiting-publication`: made at a meeting whose minutes are not yet published (the appeal clock
 * starts at publication); `under-appeal`: appealed to the administrative court, until its ruling;
 * `overturned`: the court set it aside.
 */
export type DecisionStatus = 'awaiting-publication' | 'appeal-period' | 'final' | 'under-review' | 'reviewed' | 'no-appeal' | 'under-appeal' | 'overturned';

/** A decision record: one handling of a case by a body, with its § number running per body and year. */
@Entity('decisions')
@Index(['bodyCode', 'year', 'section'], { unique: true })
@Check(
  'decisions_status_check',
  `"status" IN ('awaiting-publication', 'appeal-period', 'final', 'under-review', 'reviewed', 'no-appeal', 'under-appeal', 'overturned')`,
)
@Check('decisions_outcome_check', `"outcome" IN ('approved', 'amended', 'tabled', 'returned', 'rejected')`)
export class DecisionEntity {
  @PrimaryColumn('uuid') id!: string;
  @Index() @Column('uuid', { name: 'instance_id' }) instanceId!: string;
  @Column('uuid', { name: 'task_id', nullable: true }) taskId!: string | null;
  @Column('text', { name: 'body_code' }) bodyCode!: string;
  @Column('integer') year!: number;
  @Column('integer') section!: number;
  @Column('date', { name: 'meeting_date' }) meetingDate!: string;
  @Column('text') outcome!: DecisionOutcome;
  @Column('text', { name: 'decision_text' }) decisionText!: string;
  @Column('text', { name: 'child_impact_summary', nullable: true }) childImpactSummary!: string | null;
  @Column('text', { name: 'diary_number' }) diaryNumber!: string;
  @Column('text') classification!: string;
  @Column('text') status!: DecisionStatus;
  @Column('timestamptz', { name: 'published_at', nullable: true }) publishedAt!: Date | null;
  @Column('timestamptz', { name: 'informed_at', nullable: true }) informedAt!: Date | null;
  @Column('timestamptz', { name: 'appeal_ends_at', nullable: true }) appealEndsAt!: Date | null;
  @Column('timestamptz', { name: 'final_at', nullable: true }) finalAt!: Date | null;
  /** The decision whose request for review this decision settles. */
  @Column('uuid', { name: 'review_of', nullable: true }) reviewOf!: string | null;
  /** The agenda item the decision was made on, when it was made at a meeting. */
  @Column('uuid', { name: 'meeting_item_id', nullable: true }) meetingItemId!: string | null;
  /** The body decided the decision may be enforced before it is final. */
  @Column('boolean', { name: 'immediate_enforcement', default: false }) immediateEnforcement!: boolean;
  @Column('text', { name: 'recorded_by' }) recordedBy!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

/** A request for review (oikaisuvaatimus) of a decision, as registered by the registry. */
@Entity('review_requests')
export class ReviewRequestEntity {
  @PrimaryColumn('uuid') id!: string;
  @Index() @Column('uuid', { name: 'decision_id' }) decisionId!: string;
  @Column('uuid', { name: 'instance_id' }) instanceId!: string;
  @Column('text') requester!: string;
  @Column('text') grounds!: string;
  @Column('timestamptz', { name: 'received_at' }) receivedAt!: Date;
  @Column('text', { name: 'recorded_by' }) recordedBy!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

/** A municipal appeal (kunnallisvalitus) to the administrative court against a decision on a request for review, and the court's ruling. */
@Entity('court_appeals')
@Check('court_appeals_ruling_check', `"ruling" IS NULL OR "ruling" IN ('upheld', 'overturned', 'returned')`)
export class CourtAppealEntity {
  @PrimaryColumn('uuid') id!: string;
  @Index() @Column('uuid', { name: 'decision_id' }) decisionId!: string;
  @Column('uuid', { name: 'instance_id' }) instanceId!: string;
  @Column('text') appellant!: string;
  @Column('text') court!: string;
  @Column('timestamptz', { name: 'received_at' }) receivedAt!: Date;
  /** `upheld`, `overturned`, or `returned` (back to the body for new handling). */
  @Column('text', { nullable: true }) ruling!: string | null;
  @Column('date', { name: 'ruled_on', nullable: true }) ruledOn!: string | null;
  @Column('text', { name: 'recorded_by' }) recordedBy!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

/** A half-filled form, saved as its user types: one per task and user, discarded when the task completes. */
@Entity('task_drafts')
export class TaskDraftEntity {
  @PrimaryColumn('uuid', { name: 'task_id' }) taskId!: string;
  @PrimaryColumn('text') username!: string;
  @Column('jsonb') data!: Record<string, unknown>;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}

export const GOVERNANCE_ENTITIES = [
  TaskDraftEntity,
  CourtAppealEntity,
  NumberSeriesEntity,
  CaseEntity,
  ServiceRowEntity,
  FormSubmissionEntity,
  DecisionEntity,
  ReviewRequestEntity,
  ...MEETING_ENTITIES,
];
