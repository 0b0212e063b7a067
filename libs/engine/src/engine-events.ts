import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '@kaari/common/actor.js';
import type { InstanceEntity, TaskKind, TaskState } from '@kaari/persistence/entities.js';
import type { TimerRequest } from './time/timer-scheduler.js';

/** A task row as the engine hands it to the modules that listen: who holds it, and its deadline. */
export interface TaskRecord {
  id: string;
  instanceId: string;
  activityId: string;
  name: string | null;
  candidateBodies: string[];
  formKey: string | null;
  kind: TaskKind;
  state: TaskState;
  assignee: string | null;
  /** The body whose deadline runs: the owner, or the last body the task escalated to. */
  deadlineBody: string | null;
  dueAt: Date | null;
  escalationLevel: number;
  createdAt: Date;
}

/** Every event runs in the transaction of the step that caused it: `em` is that transaction. */
interface InTransaction {
  em: EntityManager;
}

export interface TaskCreated extends InTransaction {
  instance: InstanceEntity;
  task: TaskRecord;
  actor: Actor;
  /** Arms timers with the step's own, in the one statement that writes them (a step's cost is its round trips). */
  arm: (timers: TimerRequest[]) => void;
}

export interface TaskReassigned extends InTransaction {
  actor: Actor;
  /** The history entry the change was written as: `task.claimed`, `task.unclaimed`, `task.assigned`, `task.reassigned`, `task.escalated`. */
  type: string;
  /** The task as it was. */
  task: TaskRecord;
  /** The task as it is now. */
  to: TaskRecord;
  reason: string | null;
}

export interface TaskOverdue extends InTransaction {
  instance: InstanceEntity;
  /** The task, marked overdue. */
  task: TaskRecord;
  now: Date;
}

/** What the engine tells other modules, by name. */
export interface EngineEventMap {
  /** A step made a task (a user task, a system wait, or a token queued at a busy task). */
  'task.created': TaskCreated;
  /** Who holds an open task changed: claimed, handed back, assigned, moved to another body, escalated. */
  'task.reassigned': TaskReassigned;
  /** An open task's deadline passed and it was marked overdue. */
  'task.overdue': TaskOverdue;
}

export type EngineEventName = keyof EngineEventMap;
export type EngineEventHandler<K extends EngineEventName> = (event: EngineEventMap[K]) => Promise<void> | void;

/**
 * Typed events inside the transaction of the step that causes them. Handlers run in the order
 * they were added and are awaited before the step goes on, with the step's EntityManager: what
 * they write (a notification, a timer, an outbox row) commits or rolls back with the step, and a
 * handler that throws refuses the step. Modules above the engine add handlers at start-up; the
 * engine knows none of them.
 */
@Injectable()
export class EngineEvents {
  private readonly handlers = new Map<EngineEventName, Array<EngineEventHandler<EngineEventName>>>();

  on<K extends EngineEventName>(name: K, handler: EngineEventHandler<K>): void {
    const list = this.handlers.get(name) ?? [];
    list.push(handler as EngineEventHandler<EngineEventName>);
    this.handlers.set(name, list);
  }

  async emit<K extends EngineEventName>(name: K, event: EngineEventMap[K]): Promise<void> {
    for (const handler of this.handlers.get(name) ?? []) await handler(event);
  }
}
