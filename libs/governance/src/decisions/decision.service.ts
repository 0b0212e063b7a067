import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { isDirector, SYSTEM_ACTOR, type Actor } from '@kaari/common/actor.js';
import { Clock } from '@kaari/common/clock.js';
import { KAARI_CONFIG, type KaariConfig } from '@kaari/common/config.js';
import { badInput, conflict, forbidden, notFound } from '@kaari/common/errors.js';
import { isUuid } from '@kaari/common/ids.js';
import { WorkingDayCalendar } from '@kaari/common/working-days.js';
import { InstanceService } from '@kaari/engine/instances/instance.service.js';
import { StepWriter } from '@kaari/engine/instances/step-writer.js';
import { TaskService, type TaskView } from '@kaari/engine/tasks/task.service.js';
import { TimerScheduler } from '@kaari/engine/time/timer-scheduler.js';
import type { TimerContext } from '@kaari/engine/time/timer.service.js';
import { DecisionEntity, ReviewRequestEntity, type DecisionOutcome, type DecisionStatus } from '@kaari/persistence/governance.entities.js';
import { CaseService } from '../cases/case.service.js';
import { nextNumber } from '../cases/number-series.js';
import { addPeriod, periodEnd } from './appeal-period.js';

/**
 * The wait in the diagram after an approved or amended decision, a manual task (a system wait no
 * user may move): Kaari completes it when the appeal period ends or a request for review arrives.
 */
export const APPEAL_ACTIVITY = 'appeal-period';
/** The timer kind of an appeal period's two moments (informed, ended), registered by the governance module. */
export const APPEAL_TIMER = 'appeal-period';
const ENFORCEABLE: DecisionOutcome[] = ['approved', 'amended'];

export interface DecisionView {
  id: string;
  instanceId: string;
  diaryNumber: string;
  classification: string;
  body: string;
  year: number;
  section: number;
  /** `§ 272/2023` */
  sectionLabel: string;
  meetingDate: string;
  outcome: DecisionOutcome;
  decisionText: string;
  childImpactSummary: string | null;
  status: DecisionStatus;
  publishedAt: string | null;
  informedAt: string | null;
  appealEndsAt: string | null;
  finalAt: string | null;
  reviewOf: string | null;
  recordedBy: string;
  createdAt: string;
  reviewRequests: Array<{ id: string; requester: string; grounds: string; receivedAt: string; recordedBy: string }>;
}

export interface DecisionInput {
  meetingDate: string;
  decisionOutcome: DecisionOutcome;
  decisionText: string;
  childImpactSummary?: string;
  publishedAt?: string;
}

/**
 * Decision records and their appeal periods. A decision gets the next § of its body in the
 * year of the meeting (gap-free, like diary numbers). An approved or amended decision is
 * published and runs two durable timers: residents are deemed informed after
 * KAARI_APPEAL_NOTICE, and the period for a request for review ends KAARI_APPEAL_PERIOD later.
 * When it ends without a request the decision is final and the process moves on to enforcement;
 * a request for review sends the matter back to the same body as a new decision task.
 */
@Injectable()
export class DecisionService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(KAARI_CONFIG) private readonly config: KaariConfig,
    private readonly clock: Clock,
    private readonly cases: CaseService,
    private readonly instances: InstanceService,
    private readonly tasks: TaskService,
    private readonly scheduler: TimerScheduler,
    private readonly writer: StepWriter,
    private readonly calendar: WorkingDayCalendar,
  ) {}

  /** Refuses, before anything runs, a decision task that could not be recorded. */
  assertRecordable(task: TaskView): void {
    if (!task.candidateBodies[0]) throw conflict('A decision task must belong to a body');
  }

  /** Records the decision made by completing `task`, in the completion transaction (the instance is locked). */
  async record(em: EntityManager, task: TaskView, input: DecisionInput, childImpactSummary: string | null, actor: Actor): Promise<DecisionView> {
    const now = this.clock.now();
    this.assertRecordable(task);
    const body = task.candidateBodies[0];
    const caseView = await this.cases.find(em, task.instanceId);
    if (!caseView) throw conflict('The instance has no case (diary number); it was started before cases existed');
    const year = Number(input.meetingDate.slice(0, 4));
    const section = await nextNumber(em, `section:${body}`, year);
    const [underReview] = await em.query(`SELECT id FROM decisions WHERE instance_id = $1 AND status = 'under-review' FOR UPDATE`, [task.instanceId]);
    if (underReview) await em.update(DecisionEntity, { id: underReview.id }, { status: 'reviewed' });
    const enforceable = ENFORCEABLE.includes(input.decisionOutcome);
    const publishedAt = input.publishedAt ? new Date(input.publishedAt) : now;
    // Deemed informed on the seventh day, weekend or not; the period for a request for review then moves off holidays.
    const informedAt = enforceable ? addPeriod(publishedAt, this.config.appealNotice, this.calendar) : null;
    const appealEndsAt = informedAt ? periodEnd(informedAt, this.config.appealPeriod, this.calendar) : null;
    const row: DecisionEntity = {
      id: randomUUID(),
      instanceId: task.instanceId,
      taskId: task.id,
      bodyCode: body,
      year,
      section,
      meetingDate: input.meetingDate,
      outcome: input.decisionOutcome,
      decisionText: input.decisionText,
      childImpactSummary: input.childImpactSummary ?? childImpactSummary,
      diaryNumber: caseView.diaryNumber,
      classification: caseView.classification,
      status: enforceable ? 'appeal-period' : 'no-appeal',
      publishedAt,
      informedAt,
      appealEndsAt,
      finalAt: null,
      reviewOf: underReview?.id ?? null,
      recordedBy: actor.username,
      createdAt: now,
    };
    await em.insert(DecisionEntity, row);
    if (informedAt && appealEndsAt) {
      await this.scheduler.schedule(em, [
        { instanceId: task.instanceId, kind: APPEAL_TIMER, key: `${row.id}:informed`, dueAt: informedAt, payload: { decisionId: row.id, phase: 'informed' } },
        { instanceId: task.instanceId, kind: APPEAL_TIMER, key: `${row.id}:ended`, dueAt: appealEndsAt, payload: { decisionId: row.id, phase: 'ended' } },
      ]);
    }
    await this.writer.history(em, task.instanceId, actor, [
      {
        type: 'decision.recorded',
        activityId: task.activityId,
        taskId: task.id,
        details: {
          decisionId: row.id,
          body,
          section: `§ ${section}/${year}`,
          outcome: row.outcome,
          diaryNumber: row.diaryNumber,
          appealEndsAt: appealEndsAt?.toISOString() ?? null,
        },
      },
    ]);
    return this.view(row, []);
  }

  /** The worker fires the appeal-period timers here, inside its transaction with the instance locked. */
  async onAppealTimer({ em, timer, instance, now }: TimerContext): Promise<void> {
    const { decisionId, phase } = (timer.payload ?? {}) as { decisionId?: string; phase?: string };
    if (!decisionId || !isUuid(decisionId)) return;
    const decision = await em.findOne(DecisionEntity, { where: { id: decisionId }, lock: { mode: 'pessimistic_write' } });
    // A request for review (or a later decision) has taken over: this timer has nothing left to do.
    if (!decision || decision.status !== 'appeal-period') return;
    if (phase === 'informed') {
      await this.writer.history(em, instance.id, SYSTEM_ACTOR, [
        {
          type: 'decision.informed',
          details: { decisionId, section: `§ ${decision.section}/${decision.year}`, appealEndsAt: decision.appealEndsAt?.toISOString() ?? null },
        },
      ]);
      return;
    }
    await em.update(DecisionEntity, { id: decisionId }, { status: 'final', finalAt: now });
    await this.writer.history(em, instance.id, SYSTEM_ACTOR, [
      {
        type: 'decision.final',
        details: { decisionId, section: `§ ${decision.section}/${decision.year}`, reason: 'the period for a request for review passed without a request' },
      },
    ]);
    const wait = await this.tasks.openWait(em, instance.id, APPEAL_ACTIVITY);
    if (wait) await this.tasks.completeLocked(em, instance, wait.id, { appealOutcome: 'final' }, SYSTEM_ACTOR);
  }

  /** Registers a request for review: the decision goes under review and the matter back to the same body. */
  async requestReview(actor: Actor, decisionId: string, input: { requester: string; grounds: string; receivedAt?: string }): Promise<DecisionView> {
    if (!isDirector(actor)) throw forbidden('Requests for review are registered by a director (the registry)');
    if (!isUuid(decisionId)) throw notFound(`Decision ${decisionId}`);
    const found = await this.db.getRepository(DecisionEntity).findOneBy({ id: decisionId });
    if (!found) throw notFound(`Decision ${decisionId}`);
    const receivedAt = input.receivedAt ? new Date(input.receivedAt) : this.clock.now();
    if (Number.isNaN(receivedAt.getTime())) throw badInput('receivedAt must be a date-time');
    await this.db.transaction(async (em) => {
      const instance = await this.instances.lock(em, found.instanceId);
      const decision = await em.findOneOrFail(DecisionEntity, { where: { id: decisionId }, lock: { mode: 'pessimistic_write' } });
      if (decision.status !== 'appeal-period') {
        throw conflict(`The decision is ${decision.status}; a request for review can be made only during its appeal period`);
      }
      if (decision.appealEndsAt && receivedAt > decision.appealEndsAt) {
        throw conflict(`The period for a request for review ended at ${decision.appealEndsAt.toISOString()}`);
      }
      const wait = await this.tasks.openWait(em, instance.id, APPEAL_ACTIVITY);
      if (!wait) throw conflict('The process is not waiting for the appeal period to end, so the matter cannot go back to the body');
      await em.insert(ReviewRequestEntity, {
        id: randomUUID(),
        decisionId,
        instanceId: instance.id,
        requester: input.requester,
        grounds: input.grounds,
        receivedAt,
        recordedBy: actor.username,
        createdAt: this.clock.now(),
      });
      await em.update(DecisionEntity, { id: decisionId }, { status: 'under-review' });
      await this.writer.history(em, instance.id, actor, [
        { type: 'decision.review-requested', details: { decisionId, section: `§ ${decision.section}/${decision.year}`, receivedAt: receivedAt.toISOString() } },
      ]);
      await this.tasks.completeLocked(em, instance, wait.id, { appealOutcome: 'review-requested' }, SYSTEM_ACTOR);
    });
    return this.get(decisionId);
  }

  async get(id: string): Promise<DecisionView> {
    if (!isUuid(id)) throw notFound(`Decision ${id}`);
    const row = await this.db.getRepository(DecisionEntity).findOneBy({ id });
    if (!row) throw notFound(`Decision ${id}`);
    return (await this.views([row]))[0];
  }

  async ofInstance(actor: Actor, instanceId: string): Promise<DecisionView[]> {
    await this.instances.get(actor, instanceId);
    const rows = await this.db.getRepository(DecisionEntity).find({ where: { instanceId }, order: { createdAt: 'ASC', id: 'ASC' } });
    return this.views(rows);
  }

  /** Minutes are public: any signed-in user lists decisions, by body and year, in § order. */
  async list(filter: { body?: string; year?: number; limit?: number; offset?: number }): Promise<{ items: DecisionView[]; total: number }> {
    const where: Record<string, unknown> = {};
    if (filter.body) where.bodyCode = filter.body;
    if (filter.year) where.year = filter.year;
    const [rows, total] = await this.db.getRepository(DecisionEntity).findAndCount({
      where,
      order: { bodyCode: 'ASC', year: 'DESC', section: 'ASC' },
      take: Math.min(filter.limit ?? 100, 500),
      skip: filter.offset ?? 0,
    });
    return { items: await this.views(rows), total };
  }

  private async views(rows: DecisionEntity[]): Promise<DecisionView[]> {
    if (!rows.length) return [];
    const requests = await this.db
      .getRepository(ReviewRequestEntity)
      .createQueryBuilder('r')
      .where('r.decision_id = ANY(:ids)', { ids: rows.map((r) => r.id) })
      .orderBy('r.received_at')
      .getMany();
    return rows.map((r) =>
      this.view(
        r,
        requests.filter((q) => q.decisionId === r.id),
      ),
    );
  }

  private view(r: DecisionEntity, requests: ReviewRequestEntity[]): DecisionView {
    return {
      id: r.id,
      instanceId: r.instanceId,
      diaryNumber: r.diaryNumber,
      classification: r.classification,
      body: r.bodyCode,
      year: r.year,
      section: r.section,
      sectionLabel: `§ ${r.section}/${r.year}`,
      meetingDate: r.meetingDate,
      outcome: r.outcome,
      decisionText: r.decisionText,
      childImpactSummary: r.childImpactSummary,
      status: r.status,
      publishedAt: r.publishedAt?.toISOString() ?? null,
      informedAt: r.informedAt?.toISOString() ?? null,
      appealEndsAt: r.appealEndsAt?.toISOString() ?? null,
      finalAt: r.finalAt?.toISOString() ?? null,
      reviewOf: r.reviewOf,
      recordedBy: r.recordedBy,
      createdAt: r.createdAt.toISOString(),
      reviewRequests: requests.map((q) => ({
        id: q.id,
        requester: q.requester,
        grounds: q.grounds,
        receivedAt: q.receivedAt.toISOString(),
        recordedBy: q.recordedBy,
      })),
    };
  }
}
