import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { actingFor, holdsClaimOf, isDirector, type Actor } from '@kaari/common/actor.js';
import { badInput, conflict, forbidden, notFound } from '@kaari/common/errors.js';
import { isUuid } from '@kaari/common/ids.js';
import type { TaskReassigned } from '@kaari/engine/engine-events.js';
import { refused, notByHand } from '@kaari/engine/tasks/task-authority.js';
import { TaskWriter } from '@kaari/engine/tasks/task-writer.js';
import { TaskService } from '@kaari/engine/tasks/task.service.js';
import { NotificationService } from '../notification.service.js';

export interface ReassignInput {
  taskIds: string[];
  toBody?: string | null;
  toUser?: string | null;
  reason: string;
}

/**
 * Who has a task: assigning it to a person, and reassigning one task or many to another
 * body or person. Directors may do this to any task; the chair of one of a task's bodies
 * to that body's tasks; a member may take an unclaimed task of their body. A task someone
 * has claimed moves only by its holder, the chair, or a director. A system wait moves for
 * nobody, and the task's authorities (TaskService.addAuthority) may keep a task with its
 * body and with the people who may hold it. Every change names the old and the new holder,
 * and the reason (the engine's TaskWriter writes it), and the new holder is notified.
 */
@Injectable()
export class TaskAssignment {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly taskWriter: TaskWriter,
    private readonly notifications: NotificationService,
    private readonly tasks: TaskService,
  ) {}

  async assign(actor: Actor, id: string, username: string, reason: string | null): Promise<void> {
    await this.reassign(actor, { taskIds: [id], toUser: username, reason: reason ?? '' }, 'task.assigned');
  }

  /** All or nothing: one transaction; any task the caller may not see is 404, may not reassign 403, already closed 409. */
  async reassign(actor: Actor, input: ReassignInput, type = 'task.reassigned'): Promise<{ reassigned: string[] }> {
    const ids = [...new Set(input.taskIds)];
    if (!input.toBody && !input.toUser) throw badInput('Name toBody, toUser or both', [{ path: 'toBody', code: 'required', message: 'toBody or toUser' }]);
    const invalid = ids.find((i) => !isUuid(i));
    if (invalid) throw notFound(`Task ${invalid}`);
    await this.db.transaction(async (em) => {
      if (input.toBody) {
        const [body] = await em.query(`SELECT code FROM bodies WHERE code = $1`, [input.toBody]);
        if (!body) throw badInput(`No body ${input.toBody}`, [{ path: 'toBody', code: 'unknown-body', message: `no body ${input.toBody}` }]);
      }
      const tasks = await this.taskWriter.lockWithInstances(em, ids);
      const missing = ids.find((i) => !tasks.some((t) => t.id === i));
      if (missing) throw notFound(`Task ${missing}`);
      const chairOf = await this.chairedBodies(em, actor);
      for (const task of tasks) {
        // 404 for a task of another body: the caller may not know it exists.
        if (!isDirector(actor) && !task.candidateBodies.some((b) => actor.bodies.includes(b))) throw notFound(`Task ${task.id}`);
        if (task.kind !== 'user') throw notByHand(task.kind, task.id);
        const chairs = task.candidateBodies.some((b) => chairOf.includes(b));
        if (!isDirector(actor) && !chairs && !(type === 'task.assigned' && input.toUser === actor.username)) {
          throw forbidden(`Only a director or the chair of ${task.candidateBodies.join(', ')} reassigns this task`, 'not-chair-or-director', {
            bodies: task.candidateBodies.join(','),
          });
        }
        if (task.state !== 'open') throw conflict(`Task ${task.id} is already ${task.state}`, 'task-state', { state: task.state });
        if (task.assignee && !holdsClaimOf(actor, task.assignee) && !isDirector(actor) && !chairs) {
          throw refused('CONFLICT', {
            code: 'claimed',
            message: `Task ${task.id} is claimed by ${task.assignee}; only they, the chair of its body or a director move it`,
          });
        }
        const bodies = input.toBody ? [input.toBody] : task.candidateBodies;
        if (input.toBody) await this.tasks.assertMayMove(em, task, bodies);
        if (input.toUser) {
          await this.assertMember(em, input.toUser, bodies);
          const holder = input.toUser === actor.username ? actor : { username: input.toUser };
          await this.tasks.assertMayHold(em, { ...task, candidateBodies: bodies }, holder, 'CONFLICT', 'toUser');
        }
        const assignee = input.toUser ?? (input.toBody ? null : task.assignee);
        const onBehalfOf = actingFor(actor, task.candidateBodies);
        await this.taskWriter.handOver(
          em,
          actor,
          task,
          { candidateBodies: bodies, assignee, deadlineBody: input.toBody ?? task.deadlineBody },
          {
            type,
            reason: input.reason || null,
            details: {
              from: task.assignee,
              to: assignee,
              ...(input.toBody ? { fromBodies: task.candidateBodies, toBodies: bodies } : {}),
              ...(input.reason ? { reason: input.reason } : {}),
              ...(onBehalfOf.length ? { onBehalfOf } : {}),
            },
          },
        );
      }
    });
    return { reassigned: ids };
  }

  /**
   * The new holder hears of a hand-over (a `task.reassigned` listener): the person the task went
   * to, or else the members of the body it moved to; never the actor. Claims, and escalations
   * (TaskDeadlines tells of those), are no hand-over.
   */
  async onReassigned({ em, actor, type, task, to, reason }: TaskReassigned): Promise<void> {
    if (type !== 'task.assigned' && type !== 'task.reassigned') return;
    // The task's name in each language the diagram gives it; the reason as its writer wrote it.
    const names = await this.notifications.taskNames(em, task.instanceId, task.activityId, task.name ?? task.activityId);
    const why = reason ? { fi: `: ${reason}`, sv: `: ${reason}`, en: `: ${reason}` } : { fi: '', sv: '', en: '' };
    if (to.assignee) {
      if (to.assignee === actor.username) return;
      await this.notifications.notify(em, {
        bodies: [],
        users: [to.assignee],
        kind: 'assignment',
        instanceId: task.instanceId,
        taskId: task.id,
        message: {
          fi: `Sinulle osoitettiin tehtävä "${names.fi}"${why.fi}`,
          sv: `Uppgiften "${names.sv}" tilldelades dig${why.sv}`,
          en: `The task "${names.en}" was assigned to you${why.en}`,
        },
        details: { by: actor.username },
      });
    } else {
      await this.notifications.notify(em, {
        bodies: to.candidateBodies,
        kind: 'assignment',
        instanceId: task.instanceId,
        taskId: task.id,
        message: {
          fi: `Tehtävä "${names.fi}" siirrettiin toimielimellenne${why.fi}`,
          sv: `Uppgiften "${names.sv}" flyttades till ert organ${why.sv}`,
          en: `The task "${names.en}" was moved to your body${why.en}`,
        },
        details: { by: actor.username, fromBodies: task.candidateBodies },
      });
    }
  }

  /** Bodies the actor chairs, or chairs as the deputy of their chair during the deputyship. */
  private async chairedBodies(em: EntityManager, actor: Actor): Promise<string[]> {
    const names = [actor.username, ...(actor.deputyFor ?? []).map((d) => d.username)];
    const rows: Array<{ body_code: string; username: string }> = await em.query(
      `SELECT m.body_code, u.username FROM body_members m JOIN users u ON u.id = m.user_id WHERE m.role = 'chair' AND u.username = ANY($1)`,
      [names],
    );
    return rows
      .filter((r) => r.username === actor.username || (actor.deputyFor ?? []).some((d) => d.username === r.username && d.bodies.includes(r.body_code)))
      .map((r) => r.body_code);
  }

  private async assertMember(em: EntityManager, username: string, bodies: string[]): Promise<void> {
    const [user] = await em.query(
      `SELECT u.id FROM users u WHERE u.username = $1 AND NOT u.disabled
       AND EXISTS (SELECT 1 FROM body_members m WHERE m.user_id = u.id AND m.body_code = ANY($2))`,
      [username, bodies],
    );
    if (!user)
      throw badInput(`${username} is not a member of ${bodies.join(', ')}`, [
        { path: 'toUser', code: 'not-a-member', message: `not a member of ${bodies.join(', ')}` },
      ]);
  }
}
