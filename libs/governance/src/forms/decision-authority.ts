import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { TaskAuthority, type Holder, type Refusal, type TaskRef } from '@kaari/engine/tasks/task-authority.js';
import { BodyService, DECIDING_ROLES } from '../body.service.js';
import { FormService } from './form.service.js';

/**
 * A task whose form records a decision of its body (`recordsDecisionOfBody`) is the body's to
 * decide: only the members who take part in its decisions (DECIDING_ROLES, or their deputies)
 * claim, hold or complete it, and it never moves to another body. Being a director or an admin
 * gives no seat in a body: they may give the task to one of its deciding members, no more.
 */
@Injectable()
export class DecisionAuthority extends TaskAuthority {
  constructor(
    private readonly forms: FormService,
    private readonly bodies: BodyService,
  ) {
    super();
  }

  async mayHold(em: EntityManager, task: TaskRef, holder: Holder): Promise<Refusal | null> {
    if (!this.forms.recordsDecision(task.formKey)) return null;
    if (await this.bodies.decidesIn(em, holder, task.candidateBodies)) return null;
    return {
      code: 'not-a-decider',
      message: `The task records a decision of ${task.candidateBodies.join(', ')}: only its ${DECIDING_ROLES.join(', ')} decide, and ${holder.username} is not one of them`,
    };
  }

  async mayMove(em: EntityManager, task: TaskRef, bodies: string[]): Promise<Refusal | null> {
    if (!this.forms.recordsDecision(task.formKey)) return null;
    const other = bodies.find((b) => !task.candidateBodies.includes(b));
    if (!other) return null;
    return { code: 'decision-stays-with-body', message: `The task records a decision of ${task.candidateBodies.join(', ')}: it cannot move to ${other}` };
  }
}
