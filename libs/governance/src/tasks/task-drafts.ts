import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '@kaari/common/actor.js';
import { Clock } from '@kaari/common/clock.js';
import { DomainError } from '@kaari/common/errors.js';
import { TaskCompletionPolicy, TaskService, type TaskView } from '@kaari/engine/tasks/task.service.js';

export interface TaskDraft {
  taskId: string;
  /** The form as the user left it: any part of it, unchecked (it is checked when the task completes). */
  data: Record<string, unknown> | null;
  updatedAt: string | null;
}

/**
 * Drafts: a half-filled form, saved as its user types, kept per task and user on the server (so
 * it survives sign-out and another device) and discarded in the transaction that completes the
 * task. Only whoever sees an open task keeps a draft of it; nobody reads another's draft.
 */
@Injectable()
export class TaskDrafts extends TaskCompletionPolicy {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly tasks: TaskService,
    private readonly clock: Clock,
  ) {
    super();
  }

  async get(actor: Actor, taskId: string): Promise<TaskDraft> {
    const task = await this.tasks.get(actor, taskId);
    // A closed task has no draft any more, whatever a cancelled one left behind.
    if (task.state !== 'open') return { taskId: task.id, data: null, updatedAt: null };
    const [row] = await this.db.query<Array<{ data: Record<string, unknown>; updated_at: Date }>>(
      `SELECT data, updated_at FROM task_drafts WHERE task_id = $1 AND username = $2`,
      [task.id, actor.username],
    );
    return { taskId: task.id, data: row?.data ?? null, updatedAt: row?.updated_at.toISOString() ?? null };
  }

  async put(actor: Actor, taskId: string, data: Record<string, unknown>): Promise<TaskDraft> {
    const task = await this.tasks.get(actor, taskId);
    this.assertOpenWork(task);
    const now = this.clock.now();
    await this.db.query(
      `INSERT INTO task_drafts (task_id, username, data, updated_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (task_id, username) DO UPDATE SET data = EXCLUDED.data, updated_at = EXCLUDED.updated_at`,
      [task.id, actor.username, data, now],
    );
    return { taskId: task.id, data, updatedAt: now.toISOString() };
  }

  async discard(actor: Actor, taskId: string): Promise<void> {
    const task = await this.tasks.get(actor, taskId);
    await this.db.query(`DELETE FROM task_drafts WHERE task_id = $1 AND username = $2`, [task.id, actor.username]);
  }

  /** The completion policy: every draft of the task goes with the completion, in its transaction (a refused completion keeps them). */
  async check(task: TaskView, _data: Record<string, unknown>, em: EntityManager): Promise<void> {
    await em.query(`DELETE FROM task_drafts WHERE task_id = $1`, [task.id]);
  }

  private assertOpenWork(task: TaskView): void {
    if (task.state !== 'open') throw refusal(`The task is already ${task.state}`, 'task-state', { state: task.state });
    if (task.kind !== 'user') throw refusal('Nobody fills in a form for this task', 'task-kind', { kind: task.kind });
  }
}

/** 409 with a stable code and its params, for the web app to word. */
function refusal(message: string, code: string, params: Record<string, string>): DomainError {
  return new DomainError('CONFLICT', message, [{ path: null, code, message, params }]);
}
