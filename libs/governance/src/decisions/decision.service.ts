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
import { CourtAppealEntity, DecisionEntity, ReviewRequestEntity, type DecisionOutcome, type DecisionStatus } from '@kaari/persistence/governance.entities.js';
import { appealClock } from '../meetings/appeal-clock.js';
import { meetingRefusal as refusal } from '../meetings/meeting-refusal.js';
import { CaseService } from '../cases/case.service.js';
import { nextNumber } from '../cases/number-series.js';

/**
 * The wait in the diagram after an approved or amended decision, a manual task (a system wait no
 * user may move): Kaari completes it when the appeal period ends or a request for review arrives.
 */
export const APPEAL_ACTIVITY = 'appeal-period';
/** The timer kind of an appeal period's two moments (informed, ended), registered by the governance module. */
export const APPEAL_TIMER = 'appeal-period';
const ENFORCEABLE: DecisionOutcome[] = ['approved', 'amended'];
export type CourtRuling = 'upheld' | 'overturned' | 'returned';
export const COURT_RULINGS: readonly CourtRuling[] = ['upheld', 'overturned', 'returned'];

/** The agenda item a decision is being made on, read in the meeting's transaction (MeetingService writes it first). */
interface MeetingItemRef {
  id: string;
  section: number;
  year: number;
  immediate_enforcement: boolean;
  body_code: string;
}

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
  /** The agenda item of the meeting that made the decision; null for a decision recorded with the form. */
  meetingItemId: string | null;
  immediateEnforcement: boolean;
  recordedBy: string;
  createdAt: string;
  courtAppeals: Array<{
    id: string;
    appellant: string;
    court: string;
    receivedAt: string;
    ruling: CourtRuling | null;
    ruledOn: string | null;
    recordedBy: string;
  }>;
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

  /**
   * Records the decision made by completing `task`, in the completion transaction (the instance is locked).
   * A decision made at a meeting carries its agenda item's § and waits for the minutes to be
   * published before its appeal clock starts (`publish`); one recorded with the form is published now.
   */
  async record(em: EntityManager, task: TaskView, input: DecisionInput, childImpactSummary: string | null, actor: Actor): Promise<DecisionView> {
    const now = this.clock.now();
    this.assertRecordable(task);
    const caseView = await this.cases.find(em, task.instanceId);
    if (!caseView) throw conflict('The instance has no case (diary number); it was started before cases existed');
    const [item] = await em.query<MeetingItemRef[]>(
      `SELECT i.id, i.section, i.year, i.immediate_enforcement, m.body_code FROM meeting_items i JOIN meetings m ON m.id = i.meeting_id
        WHERE i.task_id = $1 AND i.section IS NOT NULL AND NOT EXISTS (SELECT 1 FROM decisions d WHERE d.meeting_item_id = i.id)
        ORDER BY i.decided_at DESC LIMIT 1`,
      [task.id],
    );
    if (task.kind === 'meeting' && !item) throw conflict('A matter handled at a meeting is decided only on the meeting’s agenda item');
    // The body whose meeting decided (an escalated matter may be decided by the body above), else the owner.
    const body = item ? item.body_code : task.candidateBodies[0];
    const year = item ? item.year : Number(input.meetingDate.slice(0, 4));
    const section = item ? item.section : await nextNumber(em, `section:${body}`, year);
    const [underReview] = await em.query<Array<{ id: string }>>(`SELECT id FROM decisions WHERE instance_id = $1 AND status = 'under-review' FOR UPDATE`, [
      task.instanceId,
    ]);
    if (underReview) await em.update(DecisionEntity, { id: underReview.id }, { status: 'reviewed' });
    const enforceable = ENFORCEABLE.includes(input.decisionOutcome);
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
      status: !enforceable ? 'no-appeal' : item ? 'awaiting-publication' : 'appeal-period',
      publishedAt: null,
      informedAt: null,
      appealEndsAt: null,
      finalAt: null,
      reviewOf: underReview?.id ?? null,
      meetingItemId: item?.id ?? null,
      immediateEnforcement: item?.immediate_enforcement ?? false,
      recordedBy: actor.username,
      createdAt: now,
    };
    if (!item) Object.assign(row, this.appealClock(row, input.publishedAt ? new Date(input.publishedAt) : now));
    await em.insert(DecisionEntity, row);
    if (row.status === 'appeal-period') await this.armAppealClock(em, row);
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
          appealEndsAt: row.appealEndsAt?.toISOString() ?? null,
        },
      },
    ]);
    return this.view(row, [], []);
  }

  /**
   * The published moment of a decision and its appeal clock: residents are deemed informed on
   * the seventh day, weekend or not; the period (14 days for a request for review, 30 for an
   * appeal to the court against a decision on a review) then moves off weekends and holidays.
   */
  private appealClock(
    row: Pick<DecisionEntity, 'outcome' | 'reviewOf'>,
    publishedAt: Date,
  ): Pick<DecisionEntity, 'publishedAt' | 'informedAt' | 'appealEndsAt'> {
    if (!ENFORCEABLE.includes(row.outcome)) return { publishedAt, informedAt: null, appealEndsAt: null };
    const period = row.reviewOf ? this.config.courtAppealPeriod : this.config.appealPeriod;
    const clock = appealClock(publishedAt, this.calendar, { notice: this.config.appealNotice, period });
    return { publishedAt, informedAt: clock.informedAt, appealEndsAt: clock.endsAt };
  }

  private async armAppealClock(em: EntityManager, row: DecisionEntity): Promise<void> {
    if (!row.informedAt || !row.appealEndsAt) return;
    await this.scheduler.schedule(em, [
      { instanceId: row.instanceId, kind: APPEAL_TIMER, key: `${row.id}:informed`, dueAt: row.informedAt, payload: { decisionId: row.id, phase: 'informed' } },
      { instanceId: row.instanceId, kind: APPEAL_TIMER, key: `${row.id}:ended`, dueAt: row.appealEndsAt, payload: { decisionId: row.id, phase: 'ended' } },
    ]);
  }

  /**
   * The minutes of a meeting are published: the appeal clock of every decision made on these
   * items starts now. A decision the body ordered enforced at once opens enforcement now, while
   * its appeal period still runs; any other waits until it is final.
   */
  async publish(em: EntityManager, itemIds: string[], publishedAt: Date, actor: Actor): Promise<void> {
    if (!itemIds.length) return;
    const rows = await em
      .getRepository(DecisionEntity)
      .createQueryBuilder('d')
      .setLock('pessimistic_write')
      .where('d.meeting_item_id = ANY(:ids)', { ids: itemIds })
      .andWhere(`d.status = 'awaiting-publication'`)
      .orderBy('d.section')
      .getMany();
    for (const row of rows) {
      const instance = await this.instances.lock(em, row.instanceId);
      Object.assign(row, this.appealClock(row, publishedAt), { status: 'appeal-period' });
      await em.update(
        DecisionEntity,
        { id: row.id },
        { status: row.status, publishedAt: row.publishedAt, informedAt: row.informedAt, appealEndsAt: row.appealEndsAt },
      );
      await this.armAppealClock(em, row);
      await this.writer.history(em, row.instanceId, actor, [
        {
          type: 'decision.published',
          details: {
            decisionId: row.id,
            section: `§ ${row.section}/${row.year}`,
            publishedAt: publishedAt.toISOString(),
            appealEndsAt: row.appealEndsAt?.toISOString() ?? null,
            immediateEnforcement: row.immediateEnforcement,
          },
        },
      ]);
      if (row.immediateEnforcement) {
        const wait = await this.tasks.openWait(em, instance.id, APPEAL_ACTIVITY);
        if (wait) await this.tasks.completeLocked(em, instance, wait.id, { appealOutcome: 'immediate-enforcement' }, SYSTEM_ACTOR);
      }
    }
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
    if (!isDirector(actor)) throw forbidden('Requests for review are registered by a director (the registry)', 'director-only');
    if (!isUuid(decisionId)) throw notFound(`Decision ${decisionId}`);
    const found = await this.db.getRepository(DecisionEntity).findOneBy({ id: decisionId });
    if (!found) throw notFound(`Decision ${decisionId}`);
    const receivedAt = input.receivedAt ? new Date(input.receivedAt) : this.clock.now();
    if (Number.isNaN(receivedAt.getTime())) throw badInput('receivedAt must be a date-time');
    await this.db.transaction(async (em) => {
      const instance = await this.instances.lock(em, found.instanceId);
      const decision = await em.findOneOrFail(DecisionEntity, { where: { id: decisionId }, lock: { mode: 'pessimistic_write' } });
      if (decision.reviewOf) {
        throw refusal('review-decision-goes-to-court', 'A decision on a request for review is appealed to the administrative court, not reviewed again', {});
      }
      if (decision.status !== 'appeal-period') {
        throw conflict(`The decision is ${decision.status}; a request for review can be made only during its appeal period`, 'appeal-period-over', {
          status: decision.status,
        });
      }
      if (decision.appealEndsAt && receivedAt > decision.appealEndsAt) {
        throw conflict(`The period for a request for review ended at ${decision.appealEndsAt.toISOString()}`, 'review-period-ended', {
          endedAt: decision.appealEndsAt.toISOString(),
        });
      }
      const wait = await this.tasks.openWait(em, instance.id, APPEAL_ACTIVITY);
      if (!wait) throw conflict('The process is not waiting for the appeal period to end, so the matter cannot go back to the body', 'not-waiting-for-appeal');
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

  /**
   * Registers a municipal appeal to the administrative court against a decision on a request for
   * review, within its 30-day period: the decision is not final until the court rules.
   */
  async appealToCourt(actor: Actor, decisionId: string, input: { appellant: string; court: string; receivedAt?: string }): Promise<DecisionView> {
    if (!isDirector(actor)) throw forbidden('Appeals to the court are registered by a director (the registry)', 'director-only');
    const found = await this.findRow(decisionId);
    const receivedAt = input.receivedAt ? new Date(input.receivedAt) : this.clock.now();
    await this.db.transaction(async (em) => {
      await this.instances.lock(em, found.instanceId);
      const decision = await em.findOneOrFail(DecisionEntity, { where: { id: decisionId }, lock: { mode: 'pessimistic_write' } });
      if (!decision.reviewOf) {
        throw refusal(
          'not-a-review-decision',
          'Only a decision on a request for review is appealed to the administrative court; request a review of this one first',
          {},
        );
      }
      if (decision.status !== 'appeal-period' || (decision.appealEndsAt && receivedAt > decision.appealEndsAt)) {
        throw refusal('appeal-period-over', 'The appeal period of this decision is not running', {
          status: decision.status,
          endsAt: decision.appealEndsAt?.toISOString() ?? '',
        });
      }
      await em.insert(CourtAppealEntity, {
        id: randomUUID(),
        decisionId,
        instanceId: decision.instanceId,
        appellant: input.appellant,
        court: input.court,
        receivedAt,
        ruling: null,
        ruledOn: null,
        recordedBy: actor.username,
        createdAt: this.clock.now(),
      });
      await em.update(DecisionEntity, { id: decisionId }, { status: 'under-appeal' });
      await this.writer.history(em, decision.instanceId, actor, [
        {
          type: 'decision.appealed',
          details: { decisionId, section: `§ ${decision.section}/${decision.year}`, court: input.court, receivedAt: receivedAt.toISOString() },
        },
      ]);
    });
    return this.get(decisionId);
  }

  /**
   * The court's ruling on an appeal: upheld makes the decision final (enforcement opens), overturned
   * ends the matter, returned sends it back to the body for new handling.
   */
  async registerRuling(actor: Actor, decisionId: string, input: { ruling: CourtRuling; ruledOn: string }): Promise<DecisionView> {
    if (!isDirector(actor)) throw forbidden('Court rulings are registered by a director (the registry)', 'director-only');
    const found = await this.findRow(decisionId);
    await this.db.transaction(async (em) => {
      const instance = await this.instances.lock(em, found.instanceId);
      const decision = await em.findOneOrFail(DecisionEntity, { where: { id: decisionId }, lock: { mode: 'pessimistic_write' } });
      const [appeal] = await em.query<Array<{ id: string }>>(
        `SELECT id FROM court_appeals WHERE decision_id = $1 AND ruling IS NULL ORDER BY received_at LIMIT 1 FOR UPDATE`,
        [decisionId],
      );
      if (decision.status !== 'under-appeal' || !appeal)
        throw refusal('no-pending-appeal', 'The decision has no appeal awaiting a ruling', { status: decision.status });
      await em.update(CourtAppealEntity, { id: appeal.id }, { ruling: input.ruling, ruledOn: input.ruledOn });
      const status: DecisionStatus = input.ruling === 'upheld' ? 'final' : input.ruling === 'overturned' ? 'overturned' : 'under-review';
      await em.update(DecisionEntity, { id: decisionId }, { status, finalAt: status === 'final' ? this.clock.now() : null });
      await this.writer.history(em, instance.id, actor, [
        { type: 'decision.ruled', details: { decisionId, section: `§ ${decision.section}/${decision.year}`, ruling: input.ruling, ruledOn: input.ruledOn } },
      ]);
      const wait = await this.tasks.openWait(em, instance.id, APPEAL_ACTIVITY);
      const appealOutcome = input.ruling === 'upheld' ? 'final' : input.ruling === 'overturned' ? 'overturned' : 'review-requested';
      if (wait) await this.tasks.completeLocked(em, instance, wait.id, { appealOutcome }, SYSTEM_ACTOR);
    });
    return this.get(decisionId);
  }

  private async findRow(id: string): Promise<DecisionEntity> {
    if (!isUuid(id)) throw notFound(`Decision ${id}`);
    const row = await this.db.getRepository(DecisionEntity).findOneBy({ id });
    if (!row) throw notFound(`Decision ${id}`);
    return row;
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
    const appeals = await this.db
      .getRepository(CourtAppealEntity)
      .createQueryBuilder('a')
      .where('a.decision_id = ANY(:ids)', { ids: rows.map((r) => r.id) })
      .orderBy('a.received_at')
      .getMany();
    return rows.map((r) =>
      this.view(
        r,
        requests.filter((q) => q.decisionId === r.id),
        appeals.filter((a) => a.decisionId === r.id),
      ),
    );
  }

  private view(r: DecisionEntity, requests: ReviewRequestEntity[], appeals: CourtAppealEntity[]): DecisionView {
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
      meetingItemId: r.meetingItemId,
      immediateEnforcement: r.immediateEnforcement,
      recordedBy: r.recordedBy,
      createdAt: r.createdAt.toISOString(),
      courtAppeals: appeals.map((a) => ({
        id: a.id,
        appellant: a.appellant,
        court: a.court,
        receivedAt: a.receivedAt.toISOString(),
        ruling: a.ruling as CourtRuling | null,
        ruledOn: a.ruledOn,
        recordedBy: a.recordedBy,
      })),
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
