import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { SYSTEM_ACTOR, type Actor } from '@kaari/common/actor.js';
import type { InstanceEntity, TaskKind, TaskState } from '@kaari/persistence/entities.js';
import { updateReturning } from '@kaari/persistence/update-returning.js';
import { EngineEvents, type TaskRecord } from '../engine-events.js';
import { InstanceService } from '../instances/instance.service.js';
import { StepWriter } from '../instances/step-writer.js';

/** A change of who holds an open task; what is absent stays as it was. */
export interface Handover {
  /** The bodies whose members the task is for. */
  candidateBodies?: string[];
  /** The person who holds it, or null for nobody (back with its bodies). */
  assignee?: string | null;
  /** The body whose deadline runs. */
  deadlineBody?: string | null;
  /** An escalation up the deadline body's chain: the new level and the new deadline; the overdue mark clears. */
  escalation?: { level: number; dueAt: Date };
}

/** How the change is written in the instance's history (and so in the audit trail). */
export interface HandoverEntry {
  type: string;
  details: Record<string, unknown>;
  /** Why, in the words of whoever made the change; handed on to the listeners. */
  reason?: string | null;
}

const COLUMNS = `id, instance_id, activity_id, name, candidate_bodies, form_key, kind, state, assignee, deadline_body, due_at, escalation_level, created_at`;

/**
 * The one write path for who holds an open task and for its deadline marks: claims, hand-overs
 * to a person or a body, escalations, the overdue mark. Each change is written with its history
 * entry and told to the listeners of `task.reassigned` or `task.overdue`, in the caller's
 * transaction. Tasks are created and closed by a step (StepWriter, TaskService.completeLocked).
 */
@Injectable()
export class TaskWriter {
  constructor(
    private readonly instances: InstanceService,
    private readonly writer: StepWriter,
    private readonly events: EngineEvents,
  ) {}

  /** The tasks with these ids, locked for a change; ids of no task are left out. The caller holds their instances' locks. */
  async lock(em: EntityManager, ids: string[]): Promise<TaskRecord[]> {
    if (!ids.length) return [];
    const rows: TaskRow[] = await em.query(`SELECT ${COLUMNS} FROM tasks WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [ids]);
    return rows.map(record);
  }

  /** Locks the instances of these tasks, in id order so that two bulk changes cannot deadlock each other, then the tasks. */
  async lockWithInstances(em: EntityManager, ids: string[]): Promise<TaskRecord[]> {
    if (!ids.length) return [];
    const peek: Array<{ instance_id: string }> = await em.query(`SELECT DISTINCT instance_id FROM tasks WHERE id = ANY($1::uuid[])`, [ids]);
    for (const { instance_id } of [...peek].sort((a, b) => (a.instance_id < b.instance_id ? -1 : 1))) await this.instances.lock(em, instance_id);
    return this.lock(em, ids);
  }

  /** Writes who holds the task now, with its history entry, and tells the listeners of `task.reassigned`. Returns the task as it is now. */
  async handOver(em: EntityManager, actor: Actor, task: TaskRecord, change: Handover, entry: HandoverEntry): Promise<TaskRecord> {
    const to: TaskRecord = {
      ...task,
      candidateBodies: change.candidateBodies ?? task.candidateBodies,
      assignee: change.assignee === undefined ? task.assignee : change.assignee,
      deadlineBody: change.deadlineBody === undefined ? task.deadlineBody : change.deadlineBody,
      escalationLevel: change.escalation?.level ?? task.escalationLevel,
      dueAt: change.escalation?.dueAt ?? task.dueAt,
    };
    await em.query(
      `UPDATE tasks SET candidate_bodies = $2, assignee = $3, deadline_body = $4, escalation_level = $5, due_at = $6,
         overdue_at = CASE WHEN $7::boolean THEN NULL ELSE overdue_at END WHERE id = $1`,
      [task.id, to.candidateBodies, to.assignee, to.deadlineBody, to.escalationLevel, to.dueAt, change.escalation !== undefined],
    );
    await this.writer.history(em, task.instanceId, actor, [{ type: entry.type, activityId: task.activityId, taskId: task.id, details: entry.details }]);
    await this.events.emit('task.reassigned', { em, actor, type: entry.type, task, to, reason: entry.reason ?? null });
    return to;
  }

  /**
   * Marks an open task with a deadline overdue (once: a repeat keeps the first mark), writes
   * `task.overdue` and tells its listeners. Null when the task is closed, gone or has no deadline.
   */
  async markOverdue(em: EntityManager, instance: InstanceEntity, taskId: string, now: Date): Promise<TaskRecord | null> {
    // Lock, check and mark in one round trip: a burst of deadlines is round trips.
    const [row] = await updateReturning<TaskRow>(
      em,
      `UPDATE tasks SET overdue_at = COALESCE(overdue_at, $2) WHERE id = $1 AND state = 'open' AND due_at IS NOT NULL RETURNING ${COLUMNS}`,
      [taskId, now],
    );
    if (!row) return null;
    const task = record(row);
    await this.writer.history(em, instance.id, SYSTEM_ACTOR, [
      { type: 'task.overdue', activityId: task.activityId, taskId: task.id, details: { dueAt: task.dueAt!.toISOString(), body: task.deadlineBody } },
    ]);
    await this.events.emit('task.overdue', { em, instance, task, now });
    return task;
  }
}

interface TaskRow {
  id: string;
  instance_id: string;
  activity_id: string;
  name: string | null;
  candidate_bodies: string[];
  form_key: string | null;
  kind: TaskKind;
  state: TaskState;
  assignee: string | null;
  deadline_body: string | null;
  due_at: Date | null;
  escalation_level: number;
  created_at: Date;
}

function record(r: TaskRow): TaskRecord {
  return {
    id: r.id,
    instanceId: r.instance_id,
    activityId: r.activity_id,
    name: r.name,
    candidateBodies: r.candidate_bodies,
    formKey: r.form_key,
    kind: r.kind,
    state: r.state,
    assignee: r.assignee,
    deadlineBody: r.deadline_body,
    dueAt: r.due_at,
    escalationLevel: r.escalation_level,
    createdAt: r.created_at,
  };
}
