import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { SYSTEM_ACTOR } from '@kaari/common/actor.js';
import { KAARI_CONFIG, type KaariConfig } from '@kaari/common/config.js';
import { addDuration, parseIsoDuration, type IsoDuration } from '@kaari/common/iso-duration.js';
import { WorkingDayCalendar } from '@kaari/common/working-days.js';
import type { TaskCreated, TaskOverdue } from '@kaari/engine/engine-events.js';
import { StepWriter } from '@kaari/engine/instances/step-writer.js';
import { TaskWriter } from '@kaari/engine/tasks/task-writer.js';
import type { TimerRequest } from '@kaari/engine/time/timer-scheduler.js';
import { TimerScheduler } from '@kaari/engine/time/timer-scheduler.js';
import type { TimerContext } from '@kaari/engine/time/timer.service.js';
import { helsinkiWhen } from '../helsinki-time.js';
import { NotificationService } from '../notification.service.js';

/** The timer kinds of a task's deadline, registered with TimerService by the governance module. */
export const TASK_REMINDER = 'task-reminder';
export const TASK_OVERDUE = 'task-overdue';
export const TASK_ESCALATION = 'task-escalation';

interface DeadlineBody {
  code: string;
  escalates_to: string | null;
  grace_duration: string | null;
  name: { fi: string; en: string; sv?: string };
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
 *
 * The engine computes a task's deadline from its diagram and keeps the task row; this arms
 * the timers when the engine makes the task (`task.created`), and the engine's TaskWriter marks
 * it overdue and moves it when they fire.
 */
@Injectable()
export class TaskDeadlines {
  constructor(
    @Inject(KAARI_CONFIG) private readonly config: KaariConfig,
    private readonly notifications: NotificationService,
    private readonly writer: StepWriter,
    private readonly taskWriter: TaskWriter,
    private readonly scheduler: TimerScheduler,
    private readonly calendar: WorkingDayCalendar,
  ) {}

  /** A reminder `reminderLead` before the deadline, but never in the first half of the task's time. */
  reminderAt(createdAt: Date, dueAt: Date): Date {
    const lead = addDuration(new Date(0), parseIsoDuration(this.config.reminderLead)!).getTime();
    const half = createdAt.getTime() + (dueAt.getTime() - createdAt.getTime()) / 2;
    return new Date(Math.max(dueAt.getTime() - lead, half));
  }

  /** A task with a deadline gets its reminder and its overdue mark (escalation follows from the overdue mark), armed with the step's timers. */
  onCreated({ task, arm }: TaskCreated): void {
    if (!task.dueAt) return;
    const common = { instanceId: task.instanceId, taskId: task.id, activityId: task.activityId, key: `${task.id}:0` };
    const timers: TimerRequest[] = [
      { ...common, kind: TASK_REMINDER, dueAt: this.reminderAt(task.createdAt, task.dueAt) },
      { ...common, kind: TASK_OVERDUE, dueAt: task.dueAt },
    ];
    arm(timers);
  }

  private async body(em: EntityManager, code: string | null): Promise<DeadlineBody | null> {
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
    const [task] = timer.taskId ? await this.taskWriter.lock(em, [timer.taskId]) : [];
    if (!task || task.state !== 'open') return;
    const due = task.dueAt?.toISOString() ?? '';
    // The deadline in Finnish time, in each language's words (the ISO instant stays in details).
    const when = (l: 'fi' | 'sv' | 'en') => (task.dueAt ? helsinkiWhen(task.dueAt, l) : '');
    const name = await this.notifications.taskNames(em, instance.id, task.activityId, task.name ?? task.activityId);
    await this.notifications.notify(em, {
      bodies: task.candidateBodies,
      kind: 'reminder',
      instanceId: instance.id,
      taskId: task.id,
      message: {
        fi: `Muistutus: tehtävän "${name.fi}" määräaika on ${when('fi')}`,
        sv: `Påminnelse: uppgiften "${name.sv}" ska vara klar ${when('sv')}`,
        en: `Reminder: the task "${name.en}" is due ${when('en')}`,
      },
      details: { dueAt: due, businessKey: instance.businessKey },
    });
    await this.writer.history(em, instance.id, SYSTEM_ACTOR, [
      { type: 'task.reminded', activityId: task.activityId, taskId: task.id, details: { dueAt: due, bodies: task.candidateBodies } },
    ]);
  }

  async markOverdue({ em, timer, instance, now }: TimerContext): Promise<void> {
    if (timer.taskId) await this.taskWriter.markOverdue(em, instance, timer.taskId, now);
  }

  /** The bodies hear that the task is overdue (a `task.overdue` listener), and its escalation is armed when its deadline body has a chain. */
  async onOverdue({ em, instance, task }: TaskOverdue): Promise<void> {
    if (!task.dueAt) return;
    const name = await this.notifications.taskNames(em, instance.id, task.activityId, task.name ?? task.activityId);
    await this.notifications.notify(em, {
      bodies: task.candidateBodies,
      kind: 'overdue',
      instanceId: instance.id,
      taskId: task.id,
      message: {
        fi: `Tehtävän "${name.fi}" määräaika on umpeutunut`,
        sv: `Tidsfristen för uppgiften "${name.sv}" har gått ut`,
        en: `The task "${name.en}" is overdue`,
      },
      details: { dueAt: task.dueAt.toISOString(), businessKey: instance.businessKey },
    });
    const body = await this.body(em, task.deadlineBody);
    if (!body?.escalates_to) return;
    // The owning body has its grace period after the deadline; a body escalated to already had it as its deadline.
    const escalateAt = task.escalationLevel === 0 ? this.graceEnds(task.dueAt, body) : task.dueAt;
    await this.scheduler.schedule(em, [
      {
        instanceId: instance.id,
        kind: TASK_ESCALATION,
        key: `${task.id}:${task.escalationLevel}`,
        taskId: task.id,
        activityId: task.activityId,
        dueAt: escalateAt,
      },
    ]);
  }

  async escalate({ em, timer, instance, now }: TimerContext): Promise<void> {
    const [task] = timer.taskId ? await this.taskWriter.lock(em, [timer.taskId]) : [];
    if (!task || task.state !== 'open') return;
    const from = await this.body(em, task.deadlineBody);
    const to = await this.body(em, from?.escalates_to ?? null);
    if (!from || !to || task.candidateBodies.includes(to.code)) return;
    const level = task.escalationLevel + 1;
    const dueAt = this.graceEnds(now, to);
    const grace = from.grace_duration ?? this.config.defaultGrace;
    // `reason` stays a sentence for the API's readers; the web app words the escalation from reasonCode, previousDueAt, from and grace.
    const reason = `deadline ${task.dueAt?.toISOString()} passed and the grace period of ${from.code} (${grace}) ran out`;
    await this.taskWriter.handOver(
      em,
      SYSTEM_ACTOR,
      task,
      { candidateBodies: [...task.candidateBodies, to.code], deadlineBody: to.code, escalation: { level, dueAt } },
      {
        type: 'task.escalated',
        reason,
        details: {
          from: from.code,
          to: to.code,
          level,
          reason,
          reasonCode: 'grace-period-passed',
          grace,
          previousDueAt: task.dueAt?.toISOString() ?? null,
          dueAt: dueAt.toISOString(),
        },
      },
    );
    const name = await this.notifications.taskNames(em, instance.id, task.activityId, task.name ?? task.activityId);
    await this.notifications.notify(em, {
      bodies: [from.code, to.code],
      kind: 'escalation',
      instanceId: instance.id,
      taskId: task.id,
      message: {
        fi: `Tehtävä "${name.fi}" on siirretty: ${from.name.fi} → ${to.name.fi}`,
        sv: `Uppgiften "${name.sv}" har eskalerats: ${from.name.sv ?? from.name.fi} → ${to.name.sv ?? to.name.fi}`,
        en: `The task "${name.en}" was escalated: ${from.name.en} → ${to.name.en}`,
      },
      details: { from: from.code, to: to.code, level, dueAt: dueAt.toISOString(), businessKey: instance.businessKey },
    });
    await this.scheduler.schedule(em, [
      { instanceId: instance.id, kind: TASK_OVERDUE, key: `${task.id}:${level}`, taskId: task.id, activityId: task.activityId, dueAt },
    ]);
  }
}
