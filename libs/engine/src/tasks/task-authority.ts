import type { EntityManager } from 'typeorm';
import type { Actor } from '@kaari/common/actor.js';
import { DomainError, type DomainErrorCode } from '@kaari/common/errors.js';

/** What an authority needs to know of a task. */
export interface TaskRef {
  id: string;
  instanceId: string;
  activityId: string;
  candidateBodies: string[];
  formKey: string | null;
}

/** The person who is to hold a task, and the members they deputise for now (nobody, when someone else gives them the task). */
export type Holder = Pick<Actor, 'username' | 'deputyFor'>;

/** Why a task may not go where it was asked to: a code for machines, a sentence for people. */
export interface Refusal {
  code: string;
  message: string;
}

/**
 * Narrows who may hold and complete a task, and where it may move, beyond membership of its
 * bodies. A module that knows what a task is for (a form that records a body's decision)
 * answers; the engine asks before every claim, assignment, reassignment and completion, and
 * knows no reasons of its own.
 */
export abstract class TaskAuthority {
  /** Whether `holder` may hold the task: claim it, be given it, complete it. `null` when they may. */
  abstract mayHold(em: EntityManager, task: TaskRef, holder: Holder): Promise<Refusal | null>;
  /** Whether the task may move to `bodies`. `null` when it may. */
  abstract mayMove(em: EntityManager, task: TaskRef, bodies: string[]): Promise<Refusal | null>;
}

export function refused(code: DomainErrorCode, refusal: Refusal, path: string | null = null): DomainError {
  return new DomainError(code, refusal.message, [{ path, code: refusal.code, message: refusal.message }]);
}

/**
 * A task nobody moves by hand: a wait the system ends (a legal period, an outside event; a manual
 * task in the diagram), or a matter its body decides at a meeting (the agenda item's decision
 * completes it, through the system). Shown with its case, never offered as work.
 */
export function notByHand(kind: string, id: string): DomainError {
  if (kind === 'meeting') {
    return refused('CONFLICT', {
      code: 'meeting-matter',
      message: `Task ${id} is a matter its body decides at a meeting; nobody claims, assigns, moves or completes it by hand`,
    });
  }
  return refused('CONFLICT', {
    code: 'system-wait',
    message: `Task ${id} is a wait the system ends (a period, or an event it registers); nobody claims, assigns, moves or completes it by hand`,
  });
}
