import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { SYSTEM_ACTOR } from '@kaari/common/actor.js';
import { KAARI_CONFIG, type KaariConfig } from '@kaari/common/config.js';
import { parseIsoDuration, type IsoDuration } from '@kaari/common/iso-duration.js';
import { WorkingDayCalendar } from '@kaari/common/working-days.js';
import { NotificationService } from '@kaari/governance/notification.service.js';
import { StepWriter } from '../instances/step-writer.js';
import type { TimerContext } from './timer.service.js';
import { TimerScheduler } from './timer-scheduler.js';
import { updateReturning } from '@kaari/persistence/update-returning.js';

interface OpenTask {
  id: string;
  activity_id: string;
  name: string | null;
  candidate_bodies: string[];
  due_at: Date | null;
  created_at: Date;
  escalation_level: number;
  deadline_body: string | null;
  state: string;
}

/**
 * What happens to a task as its deadline nears and passes: a reminder, the overdue
 * mark, and escalation up the deadline body's chain once its grace period passes.
 *
 * Level 0 is the owning body: overdue at the deadline, escalated at deadline + its grace.
 * A body the task escalates to gets a new deadline of its own grace period from the
 * moment of escalation, and the task moves on when that passes. With the Turku 2023
 * chain this gives D+1 change director, D+5 integration group, D+10 wellbeing group,
 * D+20 city management group. The chain ends at a body with no `escalatesTo`; a body
 * already among the task's candidates is never escalated to again, so it cannot loop.
 */
@Injectable()
export class TaskDeadlines {
  constructor(
    @Inject(KAARI_CONFIG) private readonly config: KaariConfig,
    private readonly notifications: NotificationService,
    private readonly writer: StepWriter,
    private readonly scheduler: TimerScheduler,
    private readonly calendar: WorkingDayCalendar,
  ) {}

  private async openTask(em: EntityManager, taskId: string | null): Promise<OpenTask | null> {
    if (!taskId) return null;
    const [task] = await em.query(`SELECT * FROM tasks WHERE id = $1 FOR UPDATE`, [taskId]);
    return task && task.state === 'open' ? task : null;
  }

  private async body(em: EntityManager, code: string | null): Promise<{ code: string; escalates_to: string | null; grace_duration: string | null; name: { fi: string; en: string; sv?: string } } | null> {
    if (!code) return null;
    const [row] = await em.query(`SELECT code, escalates_to, grace_duration, name FROM bodies WHERE code = $1`, [code]);
    return row ?? null;
  }

  /** A body's grace period (or KAARI_DEFAULT_GRACE) after `from`, working days (P5WD) counted on the Finnish calendar. */
  private graceEnds(from: Date, body: { grace_duration: string | null } | null): Date {
    const grace: IsoDuration = parseIsoDuration(body?.grace_duration ?? '') ?? parseIsoDuration(this.config.defaultGrace)!;
    return this.calendar.add(from, grace);
  }

  async remind({ em, timer, instance }: TimerContext): Promise<void> {
    const task = await this.openTask(em, timer.taskId);
    if (!task) return;
    const due = task.due_at?.toISOString() ?? '';
    await this.notifications.notify(em, {
      bodies: task.candidate_bodies,
      kind: 'reminder',
      instanceId: instance.id,
      taskId: task.id,
      message: {
        fi: `Muistutus: tehtävän "${task.name ?? task.activity_id}" määräaika on ${due}`,
        sv: `Påminnelse: uppgiften "${task.name ?? task.activity_id}" ska vara klar ${due}`,
        en: `Reminder: the task "${task.name ?? task.activity_id}" is due ${due}`,
      },
      details: { dueAt: due, businessKey: instance.businessKey },
    });
    await this.writer.history(em, instance.id, SYSTEM_ACTOR, [{ type: 'task.reminded', activityId: task.activity_id, taskId: task.id, details: { dueAt: due, bodies: task.candidate_bodies } }]);
  }

  async markOverdue({ em, timer, instance, now }: TimerContext): Promise<void> {
    if (!timer.taskId) return;
    // Lock, check and mark the open task, and read its deadline body, in one round trip (a burst of deadlines is round trips).
    const [task] = await updateReturning<OpenTask & { body: { code: string; escalates_to: string | null; grace_duration: string | null } | null }>(em,
      `UPDATE tasks t SET overdue_at = COALESCE(t.overdue_at, $2) WHERE t.id = $1 AND t.state = 'open' AND t.due_at IS NOT NULL
       RETURNING t.*, (SELECT to_jsonb(b) FROM (SELECT code, escalates_to, grace_duration FROM bodies WHERE code = t.deadline_body) b) AS body`,
      [timer.taskId, now],
    );
    if (!task || !task.due_at) return;
    const body = task.body;
    await this.notifications.notify(em, {
      bodies: task.candidate_bodies,
      kind: 'overdue',
      instanceId: instance.id,
      taskId: task.id,
      message: {
        fi: `Tehtävän "${task.name ?? task.activity_id}" määräaika on umpeutunut`,
        sv: `Tidsfristen för uppgiften "${task.name ?? task.activity_id}" har gått ut`,
        en: `The task "${task.name ?? task.activity_id}" is overdue`,
      },
      details: { dueAt: task.due_at.toISOString(), businessKey: instance.businessKey },
    });
    await this.writer.history(em, instance.id, SYSTEM_ACTOR, [
      { type: 'task.overdue', activityId: task.activity_id, taskId: task.id, details: { dueAt: task.due_at.toISOString(), body: task.deadline_body } },
    ]);
    if (!body?.escalates_to) return;
    // The owning body has its grace period after the deadline; a body escalated to already had it as its deadline.
    const escalateAt = task.escalation_level === 0 ? this.graceEnds(task.due_at, body) : task.due_at;
    await this.scheduler.schedule(em, [
      { instanceId: instance.id, kind: 'task-escalation', key: `${task.id}:${task.escalation_level}`, taskId: task.id, activityId: task.activity_id, dueAt: escalateAt },
    ]);
  }

  async escalate({ em, timer, instance, now }: TimerContext): Promise<void> {
    const task = await this.openTask(em, timer.taskId);
    if (!task) return;
    const from = await this.body(em, task.deadline_body);
    const to = await this.body(em, from?.escalates_to ?? null);
    if (!from || !to || task.candidate_bodies.includes(to.code)) return;
    const level = task.escalation_level + 1;
    const dueAt = this.graceEnds(now, to);
    await em.query(
      `UPDATE tasks SET candidate_bodies = array_append(candidate_bodies, $2), escalation_level = $3, deadline_body = $2, due_at = $4, overdue_at = NULL WHERE id = $1`,
      [task.id, to.code, level, dueAt],
    );
    const reason = `deadline ${task.due_at?.toISOString()} passed and the grace period of ${from.code} (${from.grace_duration ?? this.config.defaultGrace}) ran out`;
    await this.writer.history(em, instance.id, SYSTEM_ACTOR, [
      { type: 'task.escalated', activityId: task.activity_id, taskId: task.id, details: { from: from.code, to: to.code, level, reason, previousDueAt: task.due_at?.toISOString() ?? null, dueAt: dueAt.toISOString() } },
    ]);
    await this.notifications.notify(em, {
      bodies: [from.code, to.code],
      kind: 'escalation',
      instanceId: instance.id,
      taskId: task.id,
      message: {
        fi: `Tehtävä "${task.name ?? task.activity_id}" on siirretty: ${from.name.fi} → ${to.name.fi}`,
        sv: `Uppgiften "${task.name ?? task.activity_id}" har eskalerats: ${from.name.sv ?? from.name.fi} → ${to.name.sv ?? to.name.fi}`,
        en: `The task "${task.name ?? task.activity_id}" was escalated: ${from.name.en} → ${to.name.en}`,
      },
      details: { from: from.code, to: to.code, level, dueAt: dueAt.toISOString(), businessKey: instance.businessKey },
    });
    await this.scheduler.schedule(em, [
      { instanceId: instance.id, kind: 'task-overdue', key: `${task.id}:${level}`, taskId: task.id, activityId: task.activity_id, dueAt },
    ]);
  }
}
