import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { GOVERNANCE_ENTITIES } from './governance.entities.js';
import { ACCESS_ENTITIES } from './access.entities.js';

/*
 * Entities shared across libs. Relations are plain id columns on purpose: every
 * write path is an explicit transaction, and ESM plus decorator metadata do not mix
 * well with circular entity imports.
 */

export type LocalizedName = { fi: string; sv?: string; en: string };

@Entity('users')
@Check('users_language_check', `"language" IN ('fi', 'sv', 'en')`)
export class UserEntity {
  @PrimaryColumn('uuid') id!: string;
  @Index({ unique: true }) @Column('text') username!: string;
  @Column('text', { name: 'display_name' }) displayName!: string;
  @Column('text', { name: 'password_hash', nullable: true }) passwordHash!: string | null;
  @Column('text', { array: true, default: () => "'{}'" }) roles!: string[];
  @Column('boolean', { default: false }) disabled!: boolean;
  @Column('text', { nullable: true }) email!: string | null;
  /** The language the person reads Kaari in (fi, sv, en): their e-mails are written in it. */
  @Column('text', { default: 'fi' }) language!: 'fi' | 'sv' | 'en';
  /** Bumped on sign-out, password change or disabling: every token carrying an older value stops working. */
  @Column('integer', { name: 'token_version', default: 0 }) tokenVersion!: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

@Entity('bodies')
@Check('bodies_kind_check', `"kind" IN ('council', 'executive-board', 'board', 'committee', 'management-group', 'working-group', 'network', 'office-holder')`)
export class BodyEntity {
  @PrimaryColumn('text') code!: string;
  @Column('jsonb') name!: LocalizedName;
  @Column('text') kind!: string;
  @Column('text', { name: 'escalates_to', nullable: true }) escalatesTo!: string | null;
  @Column('text', { name: 'grace_duration', nullable: true }) graceDuration!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

@Entity('body_members')
@Check('body_members_role_check', `"role" IN ('chair', 'vice-chair', 'secretary', 'member', 'substitute')`)
export class BodyMemberEntity {
  @PrimaryColumn('text', { name: 'body_code' }) bodyCode!: string;
  @PrimaryColumn('uuid', { name: 'user_id' }) @Index() userId!: string;
  @Column('text', { default: 'member' }) role!: string;
}

@Entity('settings')
export class SettingEntity {
  @PrimaryColumn('text') key!: string;
  @Column('text') value!: string;
}

@Entity('definitions')
@Index(['key', 'version'], { unique: true })
export class DefinitionEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') key!: string;
  @Column('integer') version!: number;
  @Column('text', { nullable: true }) name!: string | null;
  @Column('text') xml!: string;
  @Column('text') checksum!: string;
  /** moddle-context-serializer output: the diagram is parsed once per version, not per step. */
  @Column('text', { name: 'source_context' }) sourceContext!: string;
  /** What Kaari reads from the diagram: user tasks with bodies, due dates and forms. */
  @Column('jsonb') summary!: DefinitionSummary;
  @Column('text', { name: 'deployed_by', nullable: true }) deployedBy!: string | null;
  @CreateDateColumn({ name: 'deployed_at', type: 'timestamptz' }) deployedAt!: Date;
}

export interface DefinitionSummary {
  processId: string;
  name: string | null;
  userTasks: Array<{ id: string; name: string | null; candidateGroups: string[]; dueDate: string | null; formKey: string | null }>;
  startFormKey: string | null;
}

export type InstanceState = 'running' | 'completed' | 'cancelled' | 'failed';

@Entity('instances')
@Index(['startedBy', 'idempotencyKey'], { unique: true, where: 'idempotency_key IS NOT NULL' })
// Newest first, as every instance list shows them (migration 1764500000000; TypeORM cannot declare DESC).
@Index('instances_list_order', { synchronize: false })
@Check('instances_state_check', `"state" IN ('running', 'completed', 'cancelled', 'failed')`)
export class InstanceEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'definition_id' }) definitionId!: string;
  @Index() @Column('text', { name: 'definition_key' }) definitionKey!: string;
  @Column('integer', { name: 'definition_version' }) definitionVersion!: number;
  @Column('text', { name: 'business_key', nullable: true }) businessKey!: string | null;
  @Index() @Column('text') state!: InstanceState;
  /** bpmn-engine getState() without the embedded diagram source. */
  @Column('jsonb', { name: 'engine_state', nullable: true }) engineState!: Record<string, unknown> | null;
  @Column('jsonb', { default: () => "'{}'" }) variables!: Record<string, unknown>;
  /** Bumped by every event; a cached engine is reused only when it saw this version. */
  @Column('integer', { default: 0 }) version!: number;
  @Column('text', { name: 'engine_version' }) engineVersion!: string;
  @Column('text', { name: 'started_by' }) startedBy!: string;
  @Column('text', { name: 'idempotency_key', nullable: true }) idempotencyKey!: string | null;
  /** sha-256 of the canonical request that came with the key; null for keys stored before it was kept. */
  @Column('text', { name: 'idempotency_hash', nullable: true }) idempotencyHash!: string | null;
  @Column('jsonb', { nullable: true }) incident!: { message: string; at: string } | null;
  @Column('text', { name: 'end_reason', nullable: true }) endReason!: string | null;
  @CreateDateColumn({ name: 'started_at', type: 'timestamptz' }) startedAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
  @Column('timestamptz', { name: 'ended_at', nullable: true }) endedAt!: Date | null;
}

export type TaskState = 'open' | 'completed' | 'cancelled';
/** `user`: a member's work; `system`: a wait the system ends; `meeting`: a matter its body decides at a meeting. */
export type TaskKind = 'user' | 'system' | 'meeting';

@Entity('tasks')
@Index(['instanceId', 'executionId'], { unique: true })
@Index(['state', 'dueAt'])
// GIN index on candidate_bodies for the member's task list; created in the migration.
@Index('tasks_candidate_bodies_gin', { synchronize: false })
// Open members' tasks in list order (due_at, created_at, id): a task list reads its page and stops. Created in the migration.
@Index('tasks_open_order', { synchronize: false })
@Check('tasks_state_check', `"state" IN ('open', 'completed', 'cancelled')`)
@Check('tasks_kind_check', `"kind" IN ('user', 'system', 'meeting')`)
export class TaskEntity {
  @PrimaryColumn('uuid') id!: string;
  @ForeignKey(() => InstanceEntity, { name: 'tasks_instance_id_fkey' }) @Column('uuid', { name: 'instance_id' }) instanceId!: string;
  /** bpmn-engine's execution id: stable across recovers, so re-emitted waits upsert nothing new. */
  @Column('text', { name: 'execution_id' }) executionId!: string;
  @Column('text', { name: 'activity_id' }) activityId!: string;
  @Column('text', { nullable: true }) name!: string | null;
  @Column('text', { name: 'candidate_bodies', array: true }) candidateBodies!: string[];
  @Column('text', { name: 'form_key', nullable: true }) formKey!: string | null;
  @Column('text', { default: 'user' }) kind!: TaskKind;
  @Column('text') state!: TaskState;
  @Column('text', { nullable: true }) assignee!: string | null;
  @Column('timestamptz', { name: 'due_at', nullable: true }) dueAt!: Date | null;
  @Column('text', { name: 'due_date_expression', nullable: true }) dueDateExpression!: string | null;
  @Column('jsonb', { nullable: true }) data!: Record<string, unknown> | null;
  @Column('text', { name: 'completed_by', nullable: true }) completedBy!: string | null;
  /** How many times the task has escalated up its body's chain (0 = still with its own body). */
  @Column('integer', { name: 'escalation_level', default: 0 }) escalationLevel!: number;
  /** The body whose deadline and grace period now run (the owner, or the last body escalated to). */
  @Column('text', { name: 'deadline_body', nullable: true }) deadlineBody!: string | null;
  @Column('timestamptz', { name: 'overdue_at', nullable: true }) overdueAt!: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column('timestamptz', { name: 'ended_at', nullable: true }) endedAt!: Date | null;
}

@Entity('history')
@Index(['instanceId', 'id'])
export class HistoryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @ForeignKey(() => InstanceEntity, { name: 'history_instance_id_fkey' }) @Column('uuid', { name: 'instance_id' }) instanceId!: string;
  @Column('text') type!: string;
  @Column('text', { name: 'activity_id', nullable: true }) activityId!: string | null;
  @Column('uuid', { name: 'task_id', nullable: true }) taskId!: string | null;
  @Column('text', { nullable: true }) actor!: string | null;
  @Column('jsonb', { nullable: true }) details!: Record<string, unknown> | null;
  @Column('timestamptz', { default: () => 'now()' }) at!: Date;
}

export type TimerState = 'pending' | 'fired' | 'cancelled';

/**
 * Every timer Kaari keeps: written in the transaction of the step that armed it, fired
 * by a BullMQ delayed job whose id is derived from the row's id. The row decides: a job
 * for a timer that is no longer pending does nothing.
 */
@Entity('timers')
@Index(['instanceId', 'kind', 'key'], { unique: true })
@Index(['state', 'dueAt'])
@Check('timers_state_check', `"state" IN ('pending', 'fired', 'cancelled')`)
// Kinds are registered at run time (TimerService.register): the schema only keeps them from being empty.
@Check('timers_kind_check', `"kind" <> ''`)
export class TimerEntity {
  @PrimaryColumn('uuid') id!: string;
  @ForeignKey(() => InstanceEntity, { name: 'timers_instance_id_fkey' }) @Column('uuid', { name: 'instance_id' }) instanceId!: string;
  /** Registered by the module that fires it (TimerService.register): `bpmn-timer` is the engine's, the rest are other modules'. */
  @Column('text') kind!: string;
  /** What the timer is for, unique per instance and kind: a BPMN timer's execution id, or task id and level. */
  @Column('text') key!: string;
  @Column('uuid', { name: 'task_id', nullable: true }) taskId!: string | null;
  @Column('text', { name: 'activity_id', nullable: true }) activityId!: string | null;
  /** The execution id of the element that owns a BPMN timer (the boundary or catch event). */
  @Column('text', { name: 'owner_execution_id', nullable: true }) ownerExecutionId!: string | null;
  @Column('timestamptz', { name: 'due_at' }) dueAt!: Date;
  @Column('text') state!: TimerState;
  @Column('jsonb', { nullable: true }) payload!: Record<string, unknown> | null;
  @Column('timestamptz', { name: 'fired_at', nullable: true }) firedAt!: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

/** Transactional outbox: work for Redis written with the step, moved into BullMQ by the relay after commit. */
@Entity('outbox')
export class OutboxEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column('text') topic!: string;
  @Column('jsonb') payload!: Record<string, unknown>;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt!: Date;
}

@Entity('notifications')
@Index(['userId', 'createdAt'])
@Check('notifications_kind_check', `"kind" IN ('reminder', 'overdue', 'escalation', 'assignment', 'invitation')`)
export class NotificationEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'user_id' }) userId!: string;
  @Column('text') kind!: string;
  @Column('uuid', { name: 'instance_id', nullable: true }) instanceId!: string | null;
  @Column('uuid', { name: 'task_id', nullable: true }) taskId!: string | null;
  @Column('jsonb') message!: { fi: string; en: string; sv?: string };
  @Column('jsonb', { nullable: true }) details!: Record<string, unknown> | null;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt!: Date;
  @Column('timestamptz', { name: 'read_at', nullable: true }) readAt!: Date | null;
  @Column('timestamptz', { name: 'emailed_at', nullable: true }) emailedAt!: Date | null;
}

export const ENTITIES = [
  TimerEntity,
  OutboxEntity,
  NotificationEntity,
  UserEntity,
  BodyEntity,
  BodyMemberEntity,
  SettingEntity,
  DefinitionEntity,
  InstanceEntity,
  TaskEntity,
  HistoryEntity,
  ...ACCESS_ENTITIES,
  ...GOVERNANCE_ENTITIES,
];
