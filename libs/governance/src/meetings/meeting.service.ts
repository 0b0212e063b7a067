import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, In, type EntityManager } from 'typeorm';
import { isAdmin, type Actor } from '@kaari/common/actor.js';
import { Clock } from '@kaari/common/clock.js';
import { notFound } from '@kaari/common/errors.js';
import { isUuid } from '@kaari/common/ids.js';
import { InstanceService } from '@kaari/engine/instances/instance.service.js';
import { StepWriter } from '@kaari/engine/instances/step-writer.js';
import { TaskService } from '@kaari/engine/tasks/task.service.js';
import {
  BodyStandingOrdersEntity,
  ElectronicBallotEntity,
  ItemDissentEntity,
  ItemProposalEntity,
  ItemRecusalEntity,
  ItemVoteEntity,
  MeetingAttendanceMovementEntity,
  MeetingAttendeeEntity,
  MeetingEntity,
  MeetingItemEntity,
  MinutesSignatureEntity,
  type MeetingKind,
  type MeetingStatus,
  type MinutesStatus,
} from '@kaari/persistence/meeting.entities.js';
import { BodyService } from '../body.service.js';
import { nextNumber } from '../cases/number-series.js';
import { DecisionService } from '../decisions/decision.service.js';
import { NotificationService } from '../notification.service.js';
import { OrganisationSeeder } from '../organisation-seeder.js';
import { appealKindOf } from './appeal-instructions.js';
import type { MinutesExtract } from './minutes-extract.js';
import { assertRecusal, type Attendee, type AttendeeRole } from './attendance.js';
import { assertInvitationInTime, finnishDate, latestInvitationDate } from './invitation.js';
import { ITEM_OUTCOMES, taskEffect, TASK_OF_FORM, type ItemOutcome } from './item-outcome.js';
import { meetingRefusal as refusal } from './meeting-refusal.js';
import { assertEditable, checkMinutes, draftMinutes, publishMinutes, signMinutes, type MinutesState } from './minutes.js';
import { assertQuorum, checkQuorum, seatsRequired } from './quorum.js';
import { DEFAULT_STANDING_ORDERS, standingOrdersFrom, type StandingOrders } from './standing-orders.js';
import { computeVote, type Ballot, type Proposal, type ProposalKind } from './vote.js';

/** The roles of a body that schedule its meetings and build their agendas. */
export const ORGANISING_ROLES: readonly string[] = ['chair', 'vice-chair', 'secretary'];
const ELECTRONIC_BALLOTS: readonly string[] = ['yes', 'no', 'blank'];

export interface MatterView {
  taskId: string;
  instanceId: string;
  activityId: string;
  taskName: string | null;
  diaryNumber: string | null;
  classification: string | null;
  title: string | null;
  preparer: string | null;
  documents: Array<{ formKey: string; submittedAt: string; submittedBy: string }>;
  handlings: Array<{ meetingId: string; meetingDate: string; sectionLabel: string | null; outcome: string | null }>;
  reviewOf: { decisionId: string; sectionLabel: string } | null;
  waitingSince: string;
  dueAt: string | null;
}

export interface MeetingSummaryView {
  id: string;
  body: string;
  bodyName: { fi: string; sv?: string; en: string };
  kind: MeetingKind;
  startsAt: string;
  endsAt: string | null;
  place: string | null;
  remote: boolean;
  status: MeetingStatus;
  minutesStatus: MinutesStatus;
  publishedAt: string | null;
  itemCount: number;
  /** Whether the caller sits in the body. */
  mine: boolean;
}

export interface ItemView {
  id: string;
  position: number;
  taskId: string | null;
  instanceId: string | null;
  diaryNumber: string | null;
  classification: string | null;
  title: string;
  summary: string | null;
  preparer: string | null;
  preparedOn: string | null;
  preparationText: string | null;
  presenter: string | null;
  proposal: string;
  section: number | null;
  year: number | null;
  sectionLabel: string | null;
  outcome: string | null;
  decisionText: string | null;
  immediateEnforcement: boolean;
  isPublic: boolean;
  secrecyGround: string | null;
  decidedAt: string | null;
  reviewOf: string | null;
  recusals: Array<{ username: string; ground: string }>;
  proposals: Array<{ id: string; kind: string; text: string; proposedBy: string | null; secondedBy: string | null }>;
  votes: Array<{
    round: number;
    yes: string;
    no: string;
    counts: Record<Ballot, number>;
    ballots: Record<string, string>;
    winner: string;
    decidedBy: string;
  }>;
  dissents: Array<{ username: string; reasons: string | null }>;
  quorum: { filled: number; required: number; seats: number; ok: boolean };
  ballots: Array<{ username: string; ballot: string }>;
}

export interface MeetingView extends MeetingSummaryView {
  invitedAt: string | null;
  /** The last day (in Finland) the invitation may be sent. */
  invitationDeadline: string;
  chair: string | null;
  secretary: string | null;
  minutesCheckers: string[];
  standingOrders: StandingOrders;
  members: Array<{ username: string; displayName: string; role: string }>;
  substitutes: Array<{ username: string; displayName: string }>;
  attendees: Array<{
    username: string;
    displayName: string;
    role: AttendeeRole;
    standsInFor: string | null;
    presentAtStart: boolean;
    movements: Array<{ kind: 'arrived' | 'left'; beforeItem: number }>;
  }>;
  signatures: Array<{ username: string; role: string; signedAt: string }>;
  may: { manage: boolean; sign: boolean; check: boolean; vote: boolean };
  items: ItemView[];
}

export interface MeetingInput {
  body: string;
  kind: MeetingKind;
  startsAt: string;
  endsAt?: string | null;
  place?: string | null;
  remote?: boolean;
}

export interface ItemInput {
  taskId?: string;
  title?: string;
  proposal: string;
  presenter?: string | null;
  preparationText?: string | null;
  summary?: string | null;
  isPublic?: boolean;
  secrecyGround?: string | null;
}

export interface AttendanceInput {
  chair: string;
  secretary: string;
  minutesCheckers: string[];
  attendees: Array<{ username: string; role: AttendeeRole; standsInFor?: string | null; presentAtStart: boolean }>;
}

export interface DecisionOnItem {
  outcome: ItemOutcome;
  decisionText?: string;
  counterProposals?: Array<{ kind: Exclude<ProposalKind, 'base'>; text: string; proposedBy: string; secondedBy?: string | null }>;
  votes?: Array<{ yes: 'base' | number; no: 'base' | number; ballots: Record<string, Ballot> }>;
  dissents?: Array<{ username: string; reasons?: string | null }>;
  immediateEnforcement?: boolean;
  distribution?: Array<{ purpose: string; recipient: string }>;
}

export interface PublicMinutes {
  meetingId: string;
  body: string;
  bodyName: { fi: string; sv?: string; en: string };
  startsAt: string;
  publishedAt: string;
  items: Array<{
    itemId: string;
    sectionLabel: string | null;
    title: string;
    outcome: string | null;
    decisionText: string | null;
    isPublic: boolean;
    secrecyGround: string | null;
  }>;
}

interface Person {
  id: string;
  username: string;
  displayName: string;
}

/**
 * A task (`t`) waiting for the body in the parameter: an open matter for a meeting of that body
 * (its own, or one it escalated to) that is on no agenda item still to be decided.
 */
const waitingFor = (body: string) =>
  `t.kind = 'meeting' AND t.state = 'open' AND ${body} = ANY(t.candidate_bodies)
   AND NOT EXISTS (SELECT 1 FROM meeting_items i JOIN meetings m ON m.id = i.meeting_id
                    WHERE i.task_id = t.id AND i.outcome IS NULL AND m.status <> 'cancelled')`;

/** The § reference's abbreviation of a body: `Kh` for a city board, `Kv` for a council, else the name's initials. */
function abbreviation(kind: string, name: string): string {
  if (kind === 'executive-board') return 'Kh';
  if (kind === 'council') return 'Kv';
  const initials = name
    .split(/[\s-]+/)
    .filter(Boolean)
    .map((w) => w[0])
    .join('');
  return initials.charAt(0).toUpperCase() + initials.slice(1).toLowerCase();
}

interface Loaded {
  meeting: MeetingEntity;
  items: MeetingItemEntity[];
  attendees: MeetingAttendeeEntity[];
  movements: MeetingAttendanceMovementEntity[];
  recusals: ItemRecusalEntity[];
  proposals: ItemProposalEntity[];
  votes: ItemVoteEntity[];
  dissents: ItemDissentEntity[];
  signatures: MinutesSignatureEntity[];
  ballots: ElectronicBallotEntity[];
}

/**
 * Meetings of bodies: the place where a body's decisions are made. A task of kind `meeting`
 * (a user task with `kaari:handledAt="meeting"`) is a matter on its body's waiting list; the
 * chair or secretary puts it on a meeting's agenda, the meeting decides it with a quorum, its §
 * taken in agenda order from the body's running series, and the decision completes the task
 * through the engine, recording who chaired and who kept the minutes. The minutes are signed,
 * checked and published; publication starts the appeal clock of each decision. The rules
 * themselves are the pure functions beside this file (docs/meetings.md).
 */
@Injectable()
export class MeetingService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly bodies: BodyService,
    private readonly tasks: TaskService,
    private readonly instances: InstanceService,
    private readonly decisions: DecisionService,
    private readonly notifications: NotificationService,
    private readonly writer: StepWriter,
    private readonly seeder: OrganisationSeeder,
  ) {}

  // ---- standing orders -------------------------------------------------------------------

  async standingOrders(em: EntityManager, body: string): Promise<StandingOrders> {
    const row = await em.findOneBy(BodyStandingOrdersEntity, { bodyCode: body });
    if (!row) return DEFAULT_STANDING_ORDERS;
    return standingOrdersFrom({
      invitationDays: row.invitationDays,
      quorum: row.quorumRule,
      minutesCheckers: row.minutesCheckers,
      electronicProcedure: row.electronicProcedure,
    });
  }

  async getStandingOrders(body: string): Promise<StandingOrders> {
    await this.bodies.get(body);
    return this.standingOrders(this.db.manager, body);
  }

  /** An admin sets a body's standing orders. */
  async setStandingOrders(actor: Actor, body: string, input: StandingOrders): Promise<StandingOrders> {
    if (!isAdmin(actor)) throw refusal('not-chair-or-secretary', 'Standing orders are set by an admin', { body }, 'FORBIDDEN');
    await this.bodies.get(body);
    const orders = standingOrdersFrom(input);
    await this.db.query(
      `INSERT INTO body_standing_orders (body_code, invitation_days, quorum_rule, minutes_checkers, electronic_procedure, updated_by, updated_at)
       VALUES ($1,$2,$3,$4,$5,$6,$7)
       ON CONFLICT (body_code) DO UPDATE SET invitation_days = $2, quorum_rule = $3, minutes_checkers = $4, electronic_procedure = $5, updated_by = $6, updated_at = $7`,
      [body, orders.invitationDays, orders.quorum, orders.minutesCheckers, orders.electronicProcedure, actor.username, this.clock.now()],
    );
    return orders;
  }

  // ---- matters awaiting handling ----------------------------------------------------------

  /**
   * The body's matters awaiting handling: open meeting tasks not on an agenda item still to be
   * decided. A matter that escalated (its deadline and grace passed) waits on the list of the body
   * it escalated to as well, which may take it up at its own meeting.
   */
  async matters(body: string): Promise<MatterView[]> {
    await this.bodies.get(body);
    const rows = await this.db.query<
      Array<{
        id: string;
        instance_id: string;
        activity_id: string;
        name: string | null;
        created_at: Date;
        due_at: Date | null;
        diary_number: string | null;
        classification: string | null;
        title: string | null;
        preparer: string | null;
      }>
    >(
      `SELECT t.id, t.instance_id, t.activity_id, t.name, t.created_at, t.due_at, c.diary_number, c.classification, c.title,
              (SELECT f.data->>'preparer' FROM form_submissions f WHERE f.instance_id = t.instance_id AND f.data ? 'preparer' ORDER BY f.submitted_at LIMIT 1) AS preparer
         FROM tasks t LEFT JOIN cases c ON c.instance_id = t.instance_id
        WHERE ${waitingFor('$1')}
        ORDER BY t.created_at, t.id`,
      [body],
    );
    if (!rows.length) return [];
    const instanceIds = [...new Set(rows.map((r) => r.instance_id))];
    const documents = await this.db.query<Array<{ instance_id: string; form_key: string; submitted_at: Date; submitted_by: string }>>(
      `SELECT instance_id, form_key, submitted_at, submitted_by FROM form_submissions WHERE instance_id = ANY($1) ORDER BY submitted_at`,
      [instanceIds],
    );
    const handlings = await this.db.query<
      Array<{ instance_id: string; meeting_id: string; starts_at: Date; section: number | null; year: number | null; outcome: string | null }>
    >(
      `SELECT i.instance_id, i.meeting_id, m.starts_at, i.section, i.year, i.outcome FROM meeting_items i JOIN meetings m ON m.id = i.meeting_id
        WHERE i.instance_id = ANY($1) AND i.outcome IS NOT NULL AND m.body_code = $2 ORDER BY m.starts_at, i.position`,
      [instanceIds, body],
    );
    const reviews = await this.db.query<Array<{ id: string; instance_id: string; section: number; year: number }>>(
      `SELECT id, instance_id, section, year FROM decisions WHERE instance_id = ANY($1) AND status = 'under-review'`,
      [instanceIds],
    );
    return rows.map((r) => {
      const review = reviews.find((d) => d.instance_id === r.instance_id);
      return {
        taskId: r.id,
        instanceId: r.instance_id,
        activityId: r.activity_id,
        taskName: r.name,
        diaryNumber: r.diary_number,
        classification: r.classification,
        title: r.title,
        preparer: r.preparer,
        documents: documents
          .filter((d) => d.instance_id === r.instance_id)
          .map((d) => ({ formKey: d.form_key, submittedAt: d.submitted_at.toISOString(), submittedBy: d.submitted_by })),
        handlings: handlings
          .filter((h) => h.instance_id === r.instance_id)
          .map((h) => ({
            meetingId: h.meeting_id,
            meetingDate: finnishDate(h.starts_at),
            sectionLabel: h.section ? `§ ${h.section}/${h.year}` : null,
            outcome: h.outcome,
          })),
        reviewOf: review ? { decisionId: review.id, sectionLabel: `§ ${review.section}/${review.year}` } : null,
        waitingSince: r.created_at.toISOString(),
        dueAt: r.due_at?.toISOString() ?? null,
      };
    });
  }

  // ---- meetings -----------------------------------------------------------------------------

  async list(
    actor: Actor,
    filter: { body?: string; upcoming?: boolean; limit?: number; offset?: number },
  ): Promise<{ items: MeetingSummaryView[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.body) {
      params.push(filter.body);
      where.push(`m.body_code = $${params.length}`);
    }
    if (filter.upcoming) {
      params.push(this.clock.now());
      where.push(`(m.status IN ('scheduled', 'invited', 'open') OR COALESCE(m.ends_at, m.starts_at) >= $${params.length})`);
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = await this.db.query<Array<{ total: number }>>(`SELECT count(*)::int AS total FROM meetings m ${clause}`, params);
    const limit = Math.min(filter.limit ?? 50, 200);
    // A page of meetings in three statements, whatever its length: the rows, their bodies' names and item counts.
    const rows = await this.db.query<Array<{ id: string; body_name: { fi: string; sv?: string; en: string }; item_count: number }>>(
      `SELECT m.id, b.name AS body_name, (SELECT count(*)::int FROM meeting_items i WHERE i.meeting_id = m.id) AS item_count
         FROM meetings m JOIN bodies b ON b.code = m.body_code ${clause}
        ORDER BY m.starts_at ${filter.upcoming ? 'ASC' : 'DESC'}, m.id LIMIT ${limit} OFFSET ${Math.max(0, filter.offset ?? 0)}`,
      params,
    );
    const meetings = rows.length ? await this.db.getRepository(MeetingEntity).findBy({ id: In(rows.map((r) => r.id)) }) : [];
    const byId = new Map(meetings.map((m) => [m.id, m]));
    return { items: rows.map((r) => this.summary(byId.get(r.id)!, r.item_count, r.body_name, actor)), total };
  }

  async get(actor: Actor, id: string): Promise<MeetingView> {
    return this.view(this.db.manager, actor, await this.load(this.db.manager, id));
  }

  /** The chair, vice-chair or secretary of the body schedules a meeting or an electronic procedure. */
  async create(actor: Actor, input: MeetingInput): Promise<MeetingView> {
    await this.bodies.get(input.body);
    const startsAt = new Date(input.startsAt);
    const endsAt = input.endsAt ? new Date(input.endsAt) : null;
    return this.db.transaction(async (em) => {
      await this.assertOrganiser(em, actor, input.body);
      const orders = await this.standingOrders(em, input.body);
      if (input.kind === 'electronic') {
        if (!orders.electronicProcedure) {
          throw refusal('electronic-not-allowed', 'The standing orders of this body do not allow a closed electronic decision procedure', {
            body: input.body,
            rule: 'standing-orders.electronicProcedure',
          });
        }
        if (!endsAt || endsAt <= startsAt) {
          throw refusal(
            'vote-outside-window',
            'An electronic procedure needs a voting window: its end after its start',
            { opensAt: input.startsAt },
            'BAD_INPUT',
          );
        }
      }
      const id = randomUUID();
      await em.insert(MeetingEntity, {
        id,
        bodyCode: input.body,
        kind: input.kind,
        startsAt,
        endsAt,
        place: input.place ?? null,
        remote: input.remote ?? input.kind === 'electronic',
        status: 'scheduled',
        invitedAt: null,
        chairId: null,
        secretaryId: null,
        minutesCheckers: [],
        minutesStatus: 'draft',
        publishedAt: null,
        createdBy: actor.username,
      });
      return this.view(em, actor, await this.load(em, id));
    });
  }

  async update(actor: Actor, id: string, input: Partial<Omit<MeetingInput, 'body' | 'kind'>>): Promise<MeetingView> {
    return this.change(actor, id, async (em, l) => {
      this.assertStatus(l.meeting, ['scheduled']);
      await em.update(
        MeetingEntity,
        { id },
        {
          ...(input.startsAt ? { startsAt: new Date(input.startsAt) } : {}),
          ...(input.endsAt !== undefined ? { endsAt: input.endsAt ? new Date(input.endsAt) : null } : {}),
          ...(input.place !== undefined ? { place: input.place } : {}),
          ...(input.remote !== undefined ? { remote: input.remote } : {}),
        },
      );
    });
  }

  /** Puts a waiting matter (or an information item) at the end of the agenda, with its presenter and proposal. */
  async addItem(actor: Actor, id: string, input: ItemInput): Promise<MeetingView> {
    return this.change(actor, id, async (em, l) => {
      this.assertStatus(l.meeting, ['scheduled', 'invited']);
      const position = l.items.reduce((max, i) => Math.max(max, i.position), 0) + 1;
      const presenter = input.presenter ? (await this.person(em, input.presenter)).id : null;
      const row: MeetingItemEntity = {
        id: randomUUID(),
        meetingId: id,
        position,
        taskId: null,
        instanceId: null,
        diaryNumber: null,
        classification: null,
        title: input.title ?? '',
        summary: input.summary ?? null,
        preparerId: null,
        preparedOn: null,
        preparationText: input.preparationText ?? null,
        presenterId: presenter,
        proposal: input.proposal,
        section: null,
        year: null,
        outcome: null,
        decisionText: null,
        immediateEnforcement: false,
        isPublic: input.isPublic ?? true,
        secrecyGround: input.isPublic === false ? (input.secrecyGround ?? null) : null,
        distribution: [],
        decidedAt: null,
        reviewOf: null,
      };
      if (input.taskId) {
        const matter = (await this.mattersLocked(em, l.meeting.bodyCode, input.taskId))[0];
        if (!matter) {
          throw refusal('matter-not-waiting', 'The matter is not waiting for this body: it is not open, belongs to another body, or is already on an agenda', {
            taskId: input.taskId,
            body: l.meeting.bodyCode,
          });
        }
        Object.assign(row, {
          taskId: matter.id,
          instanceId: matter.instance_id,
          diaryNumber: matter.diary_number,
          classification: matter.classification,
          title: input.title ?? matter.title ?? matter.name ?? '',
          preparerId: matter.preparer_id,
          preparedOn: matter.prepared_on,
          reviewOf: matter.review_of,
        });
      }
      if (!row.title) throw refusal('matter-not-waiting', 'An information item needs a title', {}, 'BAD_INPUT');
      await em.insert(MeetingItemEntity, row);
    });
  }

  async updateItem(actor: Actor, id: string, itemId: string, input: Partial<ItemInput>): Promise<MeetingView> {
    return this.change(actor, id, async (em, l) => {
      const item = this.item(l, itemId);
      this.assertUndecided(l, item);
      const presenter = input.presenter !== undefined ? (input.presenter ? (await this.person(em, input.presenter)).id : null) : undefined;
      await em.update(
        MeetingItemEntity,
        { id: itemId },
        {
          ...(input.proposal !== undefined ? { proposal: input.proposal } : {}),
          ...(input.title ? { title: input.title } : {}),
          ...(input.summary !== undefined ? { summary: input.summary } : {}),
          ...(input.preparationText !== undefined ? { preparationText: input.preparationText } : {}),
          ...(presenter !== undefined ? { presenterId: presenter } : {}),
          ...(input.isPublic !== undefined
            ? { isPublic: input.isPublic, secrecyGround: input.isPublic ? null : (input.secrecyGround ?? item.secrecyGround) }
            : {}),
        },
      );
    });
  }

  /** Takes an item off the agenda before the invitation: the matter goes back to the waiting list. */
  async removeItem(actor: Actor, id: string, itemId: string): Promise<MeetingView> {
    return this.change(actor, id, async (em, l) => {
      this.assertStatus(l.meeting, ['scheduled']);
      const item = this.item(l, itemId);
      await em.delete(MeetingItemEntity, { id: item.id });
      // Keep positions 1..n, so § numbers follow the agenda.
      await em.query(`UPDATE meeting_items SET position = position - 1 WHERE meeting_id = $1 AND position > $2`, [id, item.position]);
    });
  }

  /** Sends the invitation with the agenda to every member and substitute, in the app and by e-mail, in time by the standing orders. */
  async invite(actor: Actor, id: string): Promise<MeetingView> {
    return this.change(actor, id, async (em, l) => {
      this.assertStatus(l.meeting, ['scheduled']);
      const orders = await this.standingOrders(em, l.meeting.bodyCode);
      const now = this.clock.now();
      assertInvitationInTime(now, l.meeting.startsAt, orders.invitationDays);
      await em.update(MeetingEntity, { id }, { status: 'invited', invitedAt: now });
      const body = await this.bodies.get(l.meeting.bodyCode);
      const date = new Intl.DateTimeFormat('fi-FI', { timeZone: 'Europe/Helsinki', day: 'numeric', month: 'numeric', year: 'numeric' }).format(
        l.meeting.startsAt,
      );
      const time = new Intl.DateTimeFormat('fi-FI', { timeZone: 'Europe/Helsinki', hour: '2-digit', minute: '2-digit' }).format(l.meeting.startsAt);
      const agenda = l.items.map((i) => `${i.position}. ${i.title}`).join('\n');
      const where = l.meeting.place ?? '';
      const electronic = l.meeting.kind === 'electronic';
      await this.notifications.notify(em, {
        bodies: [l.meeting.bodyCode],
        kind: 'invitation',
        instanceId: null,
        taskId: null,
        message: {
          fi: `${electronic ? 'Sähköinen päätöksentekomenettely' : 'Kokouskutsu'}: ${body.name.fi} ${date} klo ${time}${where ? `, ${where}` : ''}\n${agenda}`,
          sv: `${electronic ? 'Elektroniskt beslutsförfarande' : 'Kallelse till möte'}: ${body.name.sv ?? body.name.fi} ${date} kl. ${time}${where ? `, ${where}` : ''}\n${agenda}`,
          en: `${electronic ? 'Electronic decision procedure' : 'Meeting invitation'}: ${body.name.en} ${date} at ${time}${where ? `, ${where}` : ''}\n${agenda}`,
        },
        details: { meetingId: id, body: l.meeting.bodyCode, startsAt: l.meeting.startsAt.toISOString(), items: l.items.length },
      });
    });
  }

  /**
   * Opens the meeting with who is present: members in their own seats, substitutes standing in
   * for a named member, others with the right to speak; the chair, the secretary and the minutes
   * checkers chosen at the meeting.
   */
  async setAttendance(actor: Actor, id: string, input: AttendanceInput): Promise<MeetingView> {
    return this.change(actor, id, async (em, l) => {
      this.assertStatus(l.meeting, ['scheduled', 'invited', 'open']);
      if (l.items.some((i) => i.outcome))
        throw refusal('meeting-state', 'Attendance at the start is fixed once an item is decided; record arrivals and departures instead', {
          status: l.meeting.status,
        });
      const members = await this.seats(em, l.meeting.bodyCode);
      const people = new Map<string, Person>();
      for (const a of input.attendees) people.set(a.username, await this.person(em, a.username));
      for (const name of [input.chair, input.secretary, ...input.minutesCheckers]) if (!people.has(name)) people.set(name, await this.person(em, name));
      const seatIds = new Set(members.map((m) => m.id));
      for (const a of input.attendees) {
        const p = people.get(a.username)!;
        if (a.role === 'member' && !seatIds.has(p.id))
          throw refusal('not-a-voter', `${a.username} is not a member of the body`, { person: a.username }, 'BAD_INPUT');
        if (a.role === 'substitute') {
          const seat = a.standsInFor ? members.find((m) => m.username === a.standsInFor) : undefined;
          if (!seat) throw refusal('not-a-voter', `A substitute stands in for a named member of the body`, { person: a.username }, 'BAD_INPUT');
        }
      }
      const orders = await this.standingOrders(em, l.meeting.bodyCode);
      const chair = people.get(input.chair)!;
      const secretary = people.get(input.secretary)!;
      // At a meeting the chair is among those present; an electronic procedure has no attendance, only ballots.
      if (l.meeting.kind === 'meeting' && !input.attendees.some((a) => a.username === input.chair)) {
        throw refusal('not-an-attendee', 'The chair is one of those present', { person: input.chair }, 'BAD_INPUT');
      }
      draftMinutes(
        chair.id,
        secretary.id,
        input.minutesCheckers.map((c) => people.get(c)!.id),
        orders.minutesCheckers,
      );
      await em.delete(MeetingAttendeeEntity, { meetingId: id });
      for (const a of input.attendees) {
        await em.insert(MeetingAttendeeEntity, {
          id: randomUUID(),
          meetingId: id,
          personId: people.get(a.username)!.id,
          role: a.role,
          standsInFor: a.role === 'substitute' && a.standsInFor ? members.find((m) => m.username === a.standsInFor)!.id : null,
          presentAtStart: a.presentAtStart,
        });
      }
      await em.update(
        MeetingEntity,
        { id },
        { status: 'open', chairId: chair.id, secretaryId: secretary.id, minutesCheckers: input.minutesCheckers.map((c) => people.get(c)!.id) },
      );
    });
  }

  /** An arrival or a departure, effective from the item at `beforeItem` on. */
  async recordMovement(actor: Actor, id: string, input: { username: string; kind: 'arrived' | 'left'; beforeItem: number }): Promise<MeetingView> {
    return this.record(actor, id, async (em, l) => {
      const person = await this.person(em, input.username);
      const attendee = l.attendees.find((a) => a.personId === person.id);
      if (!attendee) throw refusal('not-an-attendee', `${input.username} is not recorded at this meeting`, { person: input.username }, 'BAD_INPUT');
      const first = l.items.find((i) => i.position === input.beforeItem);
      if (!first || first.outcome)
        throw refusal('agenda-order', 'An arrival or departure applies from an item still to be handled', { position: input.beforeItem });
      await em.insert(MeetingAttendanceMovementEntity, {
        id: randomUUID(),
        attendeeId: attendee.id,
        beforeItem: input.beforeItem,
        kind: input.kind,
        recordedAt: this.clock.now(),
      });
    });
  }

  /** A member declares a conflict of interest for an item, with its legal ground, and takes no part in it. */
  async recuse(actor: Actor, id: string, itemId: string, input: { username: string; ground: string; note?: string | null }): Promise<MeetingView> {
    return this.record(actor, id, async (em, l) => {
      const item = this.item(l, itemId);
      this.assertUndecided(l, item);
      const person = await this.person(em, input.username);
      assertRecusal({ personId: person.id, ground: input.ground });
      await em.query(
        `INSERT INTO item_recusals (id, item_id, person_id, ground, note) VALUES ($1,$2,$3,$4,$5) ON CONFLICT (item_id, person_id) DO UPDATE SET ground = $4, note = $5`,
        [randomUUID(), itemId, person.id, input.ground, input.note ?? null],
      );
    });
  }

  /** A member's ballot in an electronic procedure, within its voting window. */
  async castBallot(actor: Actor, id: string, itemId: string, ballot: string): Promise<MeetingView> {
    return this.change(
      actor,
      id,
      async (em, l) => {
        if (l.meeting.kind !== 'electronic')
          throw refusal('meeting-state', 'Ballots are cast in an electronic procedure; at a meeting the vote is recorded with the decision', {
            status: l.meeting.status,
          });
        const now = this.clock.now();
        if (now < l.meeting.startsAt || (l.meeting.endsAt && now > l.meeting.endsAt)) {
          throw refusal('vote-outside-window', 'The voting window of this electronic procedure is not open', {
            opensAt: l.meeting.startsAt.toISOString(),
            closesAt: l.meeting.endsAt?.toISOString() ?? '',
          });
        }
        if (!ELECTRONIC_BALLOTS.includes(ballot)) throw refusal('vote-order', 'A ballot is yes, no or blank', {}, 'BAD_INPUT');
        const item = this.item(l, itemId);
        this.assertUndecided(l, item);
        if (!actor.userId) throw refusal('not-a-voter', 'Only a member votes', { person: actor.username });
        const seats = await this.seats(em, l.meeting.bodyCode);
        if (!seats.some((s) => s.id === actor.userId))
          throw refusal('not-a-voter', `${actor.username} has no seat in this body`, { person: actor.username }, 'FORBIDDEN');
        if (l.recusals.some((r) => r.itemId === itemId && r.personId === actor.userId)) {
          throw refusal('recused-member-voting', `${actor.username} is recused from this item and takes no part in its vote`, { person: actor.username });
        }
        await em.query(
          `INSERT INTO electronic_ballots (item_id, person_id, ballot, cast_at) VALUES ($1,$2,$3,$4) ON CONFLICT (item_id, person_id) DO UPDATE SET ballot = $3, cast_at = $4`,
          [itemId, actor.userId, ballot, now],
        );
      },
      { organiserOnly: false },
    );
  }

  /**
   * The body's decision on an item, recorded by the meeting's chair or secretary. Items are
   * decided in agenda order, each with a quorum; each gets the body's next §; a matter's task
   * completes (or stays waiting) as the outcome says.
   */
  async decide(actor: Actor, id: string, itemId: string, input: DecisionOnItem): Promise<MeetingView> {
    return this.record(actor, id, async (em, l) => {
      const item = this.item(l, itemId);
      this.assertUndecided(l, item);
      if (!ITEM_OUTCOMES.includes(input.outcome)) throw refusal('outcome-not-for-task', 'Unknown outcome', { outcome: String(input.outcome) }, 'BAD_INPUT');
      const earlier = l.items.find((i) => i.position < item.position && !i.outcome);
      if (earlier) throw refusal('agenda-order', `Item ${earlier.position} comes first on the agenda`, { position: earlier.position });
      const now = this.clock.now();
      if (l.meeting.kind === 'electronic' && l.meeting.endsAt && now < l.meeting.endsAt) {
        throw refusal('vote-outside-window', 'The electronic procedure is decided when its voting window has closed', {
          opensAt: l.meeting.startsAt.toISOString(),
          closesAt: l.meeting.endsAt.toISOString(),
        });
      }
      const orders = await this.standingOrders(em, l.meeting.bodyCode);
      const seats = await this.seats(em, l.meeting.bodyCode);
      const recusals = l.recusals.filter((r) => r.itemId === itemId).map((r) => ({ personId: r.personId, ground: r.ground as never }));
      const attendees = this.attendeesOf(l);
      const quorum = checkQuorum({ rule: orders.quorum, members: seats.map((s) => s.id), attendees, recusals, item: item.position });
      const task = item.taskId ? await this.tasks.byId(em, item.taskId) : null;
      const variableOf = task?.formKey ? TASK_OF_FORM[task.formKey] : undefined;
      // The people of the meeting by id and by username, read once: ballots and dissents name them by username.
      const names = await this.names(em, [...seats.map((s) => s.id), ...l.attendees.map((a) => a.personId)]);
      const byUsername = new Map([...names.values()].map((p) => [p.username, p.id]));
      const idOf = async (username: string) => byUsername.get(username) ?? (await this.person(em, username)).id;

      // The proposals and the vote, when there is one.
      let outcome: ItemOutcome = input.outcome;
      let decisionText = input.decisionText ?? item.proposal;
      const proposals: Proposal[] = [{ id: randomUUID(), kind: 'base', text: item.proposal, proposedBy: item.presenterId, secondedBy: null }];
      for (const c of input.counterProposals ?? []) {
        proposals.push({
          id: randomUUID(),
          kind: c.kind,
          text: c.text,
          proposedBy: await idOf(c.proposedBy),
          secondedBy: c.secondedBy ? await idOf(c.secondedBy) : null,
        });
      }
      let winnerKind: ProposalKind | undefined;
      let rounds: ReturnType<typeof computeVote>['rounds'] = [];
      if (l.meeting.kind === 'electronic' && item.taskId && input.outcome !== 'removed' && input.outcome !== 'tabled') {
        // Every member votes on the proposal within the window: yes adopts it, no rejects it (returns a review).
        const ballots = l.ballots.filter((b) => b.itemId === itemId);
        const filled = new Set(ballots.map((b) => b.personId).filter((p) => seats.some((s) => s.id === p) && !recusals.some((r) => r.personId === p)));
        const required = seatsRequired(orders.quorum, seats.length);
        assertQuorum({ ...quorum, present: filled.size, quorate: filled.size >= required, required });
        const yes = ballots.filter((b) => b.ballot === 'yes').length;
        const no = ballots.filter((b) => b.ballot === 'no').length;
        outcome = yes > no ? 'approved-as-proposed' : variableOf?.variable === 'reviewOutcome' ? 'returned' : 'rejected';
        if (outcome !== 'approved-as-proposed') decisionText = input.decisionText ?? decisionText;
      } else if (input.outcome !== 'removed') {
        assertQuorum(quorum);
      }
      if (outcome === 'decided-by-vote') {
        const voters = [...quorum.filled.values()];
        const pick = (ref: 'base' | number) => (ref === 'base' ? proposals[0] : proposals[ref + 1]);
        if (!input.votes?.length) throw refusal('vote-order', 'A vote has at least one round', {}, 'BAD_INPUT');
        const voteRounds = [];
        for (const [i, v] of input.votes.entries()) {
          const yes = pick(v.yes);
          const no = pick(v.no);
          if (!yes || !no) throw refusal('vote-order', `Round ${i + 1} names a proposal the item does not have`, { round: i + 1 }, 'BAD_INPUT');
          const ballots: Record<string, Ballot> = {};
          for (const [username, b] of Object.entries(v.ballots)) ballots[await idOf(username)] = b;
          voteRounds.push({ yes: yes.id, no: no.id, ballots });
        }
        const result = computeVote({
          kind: 'decision',
          proposals,
          rounds: voteRounds,
          voters,
          recused: recusals.map((r) => r.personId),
          chair: l.meeting.chairId!,
        });
        rounds = result.rounds;
        winnerKind = result.winner.kind;
        if (result.winner.kind === 'amend' || result.winner.kind === 'base') decisionText = result.winner.text;
      } else if (outcome === 'returned' && !input.decisionText) {
        throw refusal('reasons-required', 'A matter returned for new preparation gives the reasons for returning it', { outcome }, 'BAD_INPUT');
      } else if (outcome === 'approved-amended' && !input.decisionText) {
        throw refusal('outcome-not-for-task', 'An amended decision gives the amended text', { outcome }, 'BAD_INPUT');
      }
      const effect =
        variableOf !== undefined || !task ? taskEffect(task ? (variableOf ?? null) : null, outcome, winnerKind) : this.genericEffect(outcome, winnerKind);

      // The § in agenda order, from the body's running series, and the record of the item.
      const year = Number(finnishDate(l.meeting.startsAt).slice(0, 4));
      const section = await nextNumber(em, `section:${l.meeting.bodyCode}`, year);
      for (const [i, p] of proposals.entries()) {
        if (p.kind === 'base' && outcome !== 'decided-by-vote' && !(input.counterProposals ?? []).length) continue;
        await em.insert(ItemProposalEntity, { id: p.id, itemId, position: i, kind: p.kind, text: p.text, proposedBy: p.proposedBy, secondedBy: p.secondedBy });
      }
      for (const [i, r] of rounds.entries()) {
        await em.insert(ItemVoteEntity, {
          id: randomUUID(),
          itemId,
          round: i + 1,
          yesProposal: r.yes,
          noProposal: r.no,
          ballots: r.ballots,
          winner: r.winner,
          decidedBy: r.decidedBy,
        });
      }
      for (const d of input.dissents ?? []) {
        await em.insert(ItemDissentEntity, { id: randomUUID(), itemId, personId: await idOf(d.username), reasons: d.reasons ?? null });
      }
      await em.update(
        MeetingItemEntity,
        { id: itemId },
        {
          section,
          year,
          outcome,
          decisionText,
          immediateEnforcement: input.immediateEnforcement ?? false,
          distribution: input.distribution ?? [],
          decidedAt: now,
        },
      );

      if (task && effect.completes) {
        const instance = await this.instances.lock(em, task.instanceId);
        const effective = winnerKind ? this.outcomeWord(effect.variables) : outcome;
        const data = this.formData(task.formKey, effect.variables, {
          meetingDate: finnishDate(l.meeting.startsAt),
          body: l.meeting.bodyCode,
          item: `§ ${section}/${year}`,
          proposal: item.proposal,
          decisionText,
          effective,
          vote: rounds.at(-1)?.counts,
        });
        const chair = names.get(l.meeting.chairId!) ?? null;
        const secretary = l.meeting.secretaryId ? (names.get(l.meeting.secretaryId) ?? null) : null;
        await this.tasks.completeLocked(
          em,
          instance,
          task.id,
          data,
          { ...actor, roles: [...actor.roles, 'system'] },
          {
            meetingId: id,
            section: `§ ${section}/${year}`,
            outcome,
            chair: chair?.username ?? null,
            secretary: secretary?.username ?? null,
          },
        );
      } else if (task) {
        await this.writer.history(em, task.instanceId, actor, [
          {
            type: 'meeting.item-handled',
            activityId: task.activityId,
            taskId: task.id,
            details: { meetingId: id, section: `§ ${section}/${year}`, outcome, backToWaitingList: true },
          },
        ]);
      }
    });
  }

  /** Closes the meeting once every item is handled; the minutes can then be signed. */
  async close(actor: Actor, id: string): Promise<MeetingView> {
    return this.record(actor, id, async (em, l) => {
      const open = l.items.find((i) => !i.outcome);
      if (open) throw refusal('agenda-order', `Item ${open.position} is still to be handled`, { position: open.position });
      await em.update(MeetingEntity, { id }, { status: 'closed', endsAt: l.meeting.endsAt ?? this.clock.now() });
    });
  }

  /** The chair or the secretary signs the minutes, as themselves. */
  async sign(actor: Actor, id: string): Promise<MeetingView> {
    return this.minutes(actor, id, 'signature', (state, person) => signMinutes(state, person));
  }

  /** A minutes checker chosen at the meeting confirms the minutes. */
  async check(actor: Actor, id: string): Promise<MeetingView> {
    return this.minutes(actor, id, 'check', (state, person) => checkMinutes(state, person));
  }

  /** Publishes checked minutes in the public data network: the appeal clock of each decision starts now. */
  async publish(actor: Actor, id: string): Promise<MeetingView> {
    return this.record(
      actor,
      id,
      async (em, l) => {
        const now = this.clock.now();
        publishMinutes(this.minutesState(l), now);
        await em.update(MeetingEntity, { id }, { minutesStatus: 'published', publishedAt: now });
        await this.decisions.publish(
          em,
          l.items.map((i) => i.id),
          now,
          actor,
        );
      },
      { publishing: true },
    );
  }

  /** Published minutes of every body, newest first, without the content of non-public items. */
  async publicMinutes(filter: { body?: string; limit?: number }): Promise<PublicMinutes[]> {
    const rows = await this.db.query<Array<{ id: string }>>(
      `SELECT id FROM meetings WHERE minutes_status = 'published' ${filter.body ? 'AND body_code = $1' : ''} ORDER BY published_at DESC, id LIMIT ${Math.min(filter.limit ?? 50, 200)}`,
      filter.body ? [filter.body] : [],
    );
    const out: PublicMinutes[] = [];
    for (const r of rows) {
      const l = await this.load(this.db.manager, r.id);
      out.push({
        meetingId: l.meeting.id,
        body: l.meeting.bodyCode,
        bodyName: await this.bodyName(l.meeting.id),
        startsAt: l.meeting.startsAt.toISOString(),
        publishedAt: l.meeting.publishedAt!.toISOString(),
        items: l.items.map((i) => ({
          itemId: i.id,
          sectionLabel: i.section ? `§ ${i.section}/${i.year}` : null,
          title: i.title,
          outcome: i.outcome,
          decisionText: i.isPublic ? i.decisionText : null,
          isPublic: i.isPublic,
          secrecyGround: i.isPublic ? null : i.secrecyGround,
        })),
      });
    }
    return out;
  }

  /**
   * The minutes extract of one decided §, as the extract renderers print it. `publicOnly`: for the
   * public page, only from published minutes.
   */
  async extract(id: string, itemId: string, options: { publicOnly: boolean }): Promise<MinutesExtract> {
    const l = await this.load(this.db.manager, id);
    const item = this.item(l, itemId);
    if (!item.outcome || (options.publicOnly && l.meeting.minutesStatus !== 'published')) throw notFound(`Minutes extract ${itemId}`);
    const seed = await this.seeder.read();
    const body = await this.bodies.get(l.meeting.bodyCode);
    const names = await this.names(
      this.db.manager,
      [
        item.preparerId,
        item.presenterId,
        ...l.dissents.map((d) => d.personId),
        ...l.votes.flatMap((v) => Object.keys(v.ballots)),
        ...l.proposals.flatMap((p) => [p.proposedBy]),
      ].filter((x): x is string => !!x),
    );
    const nameOf = (pid: string | null) => (pid ? (names.get(pid)?.displayName ?? '') : '');
    const [decision] = await this.db.query<Array<{ published_at: Date | null; appeal_ends_at: Date | null; review_of: string | null }>>(
      `SELECT published_at, appeal_ends_at, review_of FROM decisions WHERE meeting_item_id = $1`,
      [item.id],
    );
    const proposals = l.proposals.filter((p) => p.itemId === item.id);
    // A vote names its proposals as Finnish minutes do: the presenter's, and each counter-proposal by who made it.
    const proposalText = Object.fromEntries(
      proposals.map((p, i) => [p.id, p.kind === 'base' ? 'Esittelijän ehdotus' : `Vastaehdotus ${i}${p.proposedBy ? ` (${nameOf(p.proposedBy)})` : ''}`]),
    );
    const fiDate = (at: Date) =>
      new Intl.DateTimeFormat('fi-FI', { timeZone: 'Europe/Helsinki', day: '2-digit', month: '2-digit', year: 'numeric' }).format(at);
    const shortDate = (iso: string) => iso.split('-').reverse().map(Number).join('.');
    const city = seed.city ?? { fi: seed.name.fi, sv: seed.name.sv ?? seed.name.fi };
    return {
      city: city.fi,
      body: body.name.fi,
      bodyAbbreviation: abbreviation(body.kind, body.name.fi),
      section: item.section!,
      meetingDate: fiDate(l.meeting.startsAt),
      itemNumber: item.position,
      diaryNumber: item.diaryNumber ?? '',
      classification: item.classification ?? '',
      title: item.title,
      summary: item.summary,
      preparer: { title: '', name: nameOf(item.preparerId) },
      preparedOn: item.preparedOn ? shortDate(item.preparedOn) : '',
      preparation: (item.preparationText ?? '')
        .split(/\n\s*\n/)
        .map((p) => p.trim())
        .filter(Boolean),
      presenter: { title: '', name: nameOf(item.presenterId) },
      proposal: item.proposal,
      decision: item.decisionText ?? '',
      votes: l.votes
        .filter((v) => v.itemId === item.id)
        .map((v) => {
          const counts: Record<Ballot, number> = { yes: 0, no: 0, blank: 0, absent: 0 };
          for (const b of Object.values(v.ballots)) counts[b as Ballot] += 1;
          return {
            yes: v.yesProposal,
            no: v.noProposal,
            counts,
            ballots: v.ballots as Record<string, Ballot>,
            winner: v.winner,
            decidedBy: v.decidedBy as 'majority' | 'chair' | 'lot',
            proposals: proposalText,
          };
        }),
      dissents: l.dissents.filter((d) => d.itemId === item.id).map((d) => ({ name: nameOf(d.personId), reasons: d.reasons })),
      distribution: item.distribution,
      nonPublic: item.isPublic ? null : { ground: item.secrecyGround ?? '' },
      names: Object.fromEntries([...names.values()].map((p) => [p.id, p.displayName])),
      appeal: {
        kind: appealKindOf(item.outcome as ItemOutcome, !!(decision?.review_of ?? item.reviewOf)),
        body: { fi: body.name.fi, sv: body.name.sv ?? body.name.fi },
        city,
        court: seed.court ?? { fi: 'hallinto-oikeus', sv: 'förvaltningsdomstolen' },
        ...(decision?.published_at && decision.appeal_ends_at
          ? { publishedOn: shortDate(finnishDate(decision.published_at)), endsOn: shortDate(finnishDate(decision.appeal_ends_at)) }
          : {}),
      },
    };
  }

  // ---- internals -------------------------------------------------------------------------------

  private genericEffect(outcome: ItemOutcome, winnerKind?: ProposalKind) {
    const effective = outcome === 'decided-by-vote' ? winnerKind : outcome;
    if (effective === 'removed' || effective === 'tabled' || effective === 'table') return { completes: false as const, backToWaitingList: true };
    return { completes: true as const, variables: { meetingOutcome: String(effective) } };
  }

  private outcomeWord(variables: Record<string, string>): string {
    return variables.decisionOutcome ?? variables.reviewOutcome ?? variables.meetingOutcome ?? '';
  }

  /** The form data a meeting's decision completes its task with: what the form of the task records. */
  private formData(
    formKey: string | null,
    variables: Record<string, string>,
    m: { meetingDate: string; body: string; item: string; proposal: string; decisionText: string; effective: string; vote?: Record<Ballot, number> },
  ): Record<string, unknown> {
    if (formKey === 'kaari:council-decision') {
      const outcome = variables.decisionOutcome;
      return {
        meetingDate: m.meetingDate,
        decisionOutcome: outcome,
        proposal: m.proposal,
        decisionText: m.decisionText,
        ...(outcome === 'amended' ? { amendments: m.decisionText } : {}),
        ...(outcome === 'returned' ? { returnReasons: m.decisionText } : {}),
        ...(m.vote ? { vote: { for: m.vote.yes, against: m.vote.no, abstained: m.vote.blank } } : {}),
      };
    }
    if (formKey === 'kaari:steering-review') {
      return {
        reviewOutcome: variables.reviewOutcome,
        meeting: { body: m.body, date: m.meetingDate, item: m.item },
        comments: m.decisionText,
        ...(variables.reviewOutcome === 'returned' ? { returnReasons: m.decisionText } : {}),
      };
    }
    return { ...variables, meetingDate: m.meetingDate, section: m.item, decisionText: m.decisionText };
  }

  private async minutes(actor: Actor, id: string, kind: 'signature' | 'check', step: (s: MinutesState, person: string) => MinutesState): Promise<MeetingView> {
    return this.change(
      actor,
      id,
      async (em, l) => {
        if (l.meeting.status !== 'closed') throw refusal('minutes-order', 'The minutes are signed after the meeting is closed', { status: l.meeting.status });
        if (!actor.userId) throw refusal('minutes-order', 'A person signs the minutes', { person: actor.username });
        const before = this.minutesState(l);
        const after = step(before, actor.userId);
        const role = kind === 'check' ? 'checker' : actor.userId === before.chair ? 'chair' : 'secretary';
        await em.insert(MinutesSignatureEntity, { meetingId: id, personId: actor.userId, role, signedAt: this.clock.now() });
        if (after.status !== before.status) await em.update(MeetingEntity, { id }, { minutesStatus: after.status });
      },
      { organiserOnly: false },
    );
  }

  private minutesState(l: Loaded): MinutesState {
    return {
      status: l.meeting.minutesStatus,
      chair: l.meeting.chairId ?? '',
      secretary: l.meeting.secretaryId ?? '',
      checkers: l.meeting.minutesCheckers,
      signedBy: l.signatures.filter((s) => s.role !== 'checker').map((s) => s.personId),
      checkedBy: l.signatures.filter((s) => s.role === 'checker').map((s) => s.personId),
      publishedAt: l.meeting.publishedAt,
    };
  }

  /** A change by the body's organisers (chair, vice-chair, secretary), or by whoever the step itself checks. */
  private async change(
    actor: Actor,
    id: string,
    work: (em: EntityManager, l: Loaded) => Promise<void>,
    options = { organiserOnly: true },
  ): Promise<MeetingView> {
    return this.db.transaction(async (em) => {
      const l = await this.load(em, id, true);
      if (options.organiserOnly) await this.assertOrganiser(em, actor, l.meeting.bodyCode);
      if (options.organiserOnly && l.meeting.minutesStatus !== 'draft') assertEditable(this.minutesState(l));
      await work(em, l);
      return this.view(em, actor, await this.load(em, id));
    });
  }

  /** What is recorded at an open meeting: only its chair or its secretary record it. */
  private async record(
    actor: Actor,
    id: string,
    work: (em: EntityManager, l: Loaded) => Promise<void>,
    options: { publishing?: boolean; closed?: boolean } = {},
  ): Promise<MeetingView> {
    return this.db.transaction(async (em) => {
      const l = await this.load(em, id, true);
      // Publishing is what is left to do once the minutes are checked; nothing else changes them then.
      const publishing = options.publishing && l.meeting.minutesStatus === 'checked';
      if (!publishing) assertEditable(this.minutesState(l));
      if (!publishing && !options.closed && l.meeting.status !== 'open')
        throw refusal('meeting-state', 'The meeting is not open: record its attendance first', { status: l.meeting.status });
      if (!actor.userId || (actor.userId !== l.meeting.chairId && actor.userId !== l.meeting.secretaryId)) {
        throw refusal('not-chair-or-secretary', 'Only the chair or the secretary of the meeting records it', { body: l.meeting.bodyCode }, 'FORBIDDEN');
      }
      await work(em, l);
      return this.view(em, actor, await this.load(em, id));
    });
  }

  private async assertOrganiser(em: EntityManager, actor: Actor, body: string): Promise<void> {
    const [row] = actor.userId
      ? await em.query<Array<{ role: string }>>(`SELECT role FROM body_members WHERE body_code = $1 AND user_id = $2`, [body, actor.userId])
      : [];
    if (!row || !ORGANISING_ROLES.includes(row.role)) {
      throw refusal('not-chair-or-secretary', `Only the chair, the vice-chair or the secretary of ${body} organises its meetings`, { body }, 'FORBIDDEN');
    }
  }

  private assertStatus(meeting: MeetingEntity, allowed: MeetingStatus[]): void {
    if (!allowed.includes(meeting.status)) throw refusal('meeting-state', `The meeting is ${meeting.status}`, { status: meeting.status });
  }

  private assertUndecided(l: Loaded, item: MeetingItemEntity): void {
    if (item.outcome)
      throw refusal('meeting-state', `Item ${item.position} is already decided (§ ${item.section})`, { status: 'decided', position: item.position });
    assertEditable(this.minutesState(l));
  }

  private item(l: Loaded, itemId: string): MeetingItemEntity {
    const item = isUuid(itemId) ? l.items.find((i) => i.id === itemId) : undefined;
    if (!item) throw notFound(`Agenda item ${itemId}`);
    return item;
  }

  private attendeesOf(l: Loaded): Attendee[] {
    return l.attendees.map((a) => ({
      personId: a.personId,
      role: a.role as AttendeeRole,
      standsInFor: a.standsInFor,
      presentAtStart: a.presentAtStart,
      movements: l.movements.filter((m) => m.attendeeId === a.id).map((m) => ({ beforeItem: m.beforeItem, kind: m.kind as 'arrived' | 'left' })),
    }));
  }

  /** The seats of the body: its chair, vice-chair and members (the secretary keeps the minutes and has none). */
  private async seats(em: EntityManager, body: string): Promise<Person[]> {
    const rows = await em.query<Array<{ id: string; username: string; display_name: string }>>(
      `SELECT u.id, u.username, u.display_name FROM body_members m JOIN users u ON u.id = m.user_id
        WHERE m.body_code = $1 AND m.role IN ('chair', 'vice-chair', 'member') AND NOT u.disabled ORDER BY u.username`,
      [body],
    );
    return rows.map((r) => ({ id: r.id, username: r.username, displayName: r.display_name }));
  }

  private async person(em: EntityManager, username: string): Promise<Person> {
    const [row] = await em.query<Array<{ id: string; username: string; display_name: string }>>(
      `SELECT id, username, display_name FROM users WHERE username = $1 AND NOT disabled`,
      [username],
    );
    if (!row) throw refusal('unknown-person', `There is no user ${username}`, { person: username }, 'BAD_INPUT');
    return { id: row.id, username: row.username, displayName: row.display_name };
  }

  private async names(em: EntityManager, ids: string[]): Promise<Map<string, Person>> {
    const unique = [...new Set(ids)];
    if (!unique.length) return new Map();
    const rows = await em.query<Array<{ id: string; username: string; display_name: string }>>(
      `SELECT id, username, display_name FROM users WHERE id = ANY($1)`,
      [unique],
    );
    return new Map(rows.map((r) => [r.id, { id: r.id, username: r.username, displayName: r.display_name }]));
  }

  private async mattersLocked(
    em: EntityManager,
    body: string,
    taskId: string,
  ): Promise<
    Array<{
      id: string;
      instance_id: string;
      name: string | null;
      diary_number: string | null;
      classification: string | null;
      title: string | null;
      preparer_id: string | null;
      prepared_on: string | null;
      review_of: string | null;
    }>
  > {
    if (!isUuid(taskId)) return [];
    // The task row is locked: two agendas cannot take the same matter at once.
    return em.query(
      `SELECT t.id, t.instance_id, t.name, c.diary_number, c.classification, c.title,
              (SELECT u.id FROM form_submissions f JOIN users u ON u.username = f.submitted_by WHERE f.instance_id = t.instance_id ORDER BY f.submitted_at DESC LIMIT 1) AS preparer_id,
              (SELECT to_char(max(f.submitted_at) AT TIME ZONE 'Europe/Helsinki', 'YYYY-MM-DD') FROM form_submissions f WHERE f.instance_id = t.instance_id) AS prepared_on,
              (SELECT d.id FROM decisions d WHERE d.instance_id = t.instance_id AND d.status = 'under-review' LIMIT 1) AS review_of
         FROM (SELECT * FROM tasks WHERE id = $1 FOR UPDATE) t LEFT JOIN cases c ON c.instance_id = t.instance_id
        WHERE ${waitingFor('$2')}`,
      [taskId, body],
    );
  }

  private async load(em: EntityManager, id: string, lock = false): Promise<Loaded> {
    if (!isUuid(id)) throw notFound(`Meeting ${id}`);
    const meeting = await em.findOne(MeetingEntity, { where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!meeting) throw notFound(`Meeting ${id}`);
    const items = await em.find(MeetingItemEntity, { where: { meetingId: id }, order: { position: 'ASC' } });
    const itemIds = items.map((i) => i.id);
    const attendees = await em.find(MeetingAttendeeEntity, { where: { meetingId: id } });
    const byItems = async <T extends object>(entity: new () => T): Promise<T[]> =>
      itemIds.length ? em.getRepository(entity).createQueryBuilder('x').where('x.item_id = ANY(:ids)', { ids: itemIds }).getMany() : [];
    return {
      meeting,
      items,
      attendees,
      movements: attendees.length
        ? await em
            .getRepository(MeetingAttendanceMovementEntity)
            .createQueryBuilder('x')
            .where('x.attendee_id = ANY(:ids)', { ids: attendees.map((a) => a.id) })
            .orderBy('x.before_item')
            .getMany()
        : [],
      recusals: await byItems(ItemRecusalEntity),
      proposals: (await byItems(ItemProposalEntity)).sort((a, b) => a.position - b.position),
      votes: (await byItems(ItemVoteEntity)).sort((a, b) => a.round - b.round),
      dissents: await byItems(ItemDissentEntity),
      signatures: await em.find(MinutesSignatureEntity, { where: { meetingId: id }, order: { signedAt: 'ASC' } }),
      ballots: await byItems(ElectronicBallotEntity),
    };
  }

  private async bodyName(meetingId: string): Promise<{ fi: string; sv?: string; en: string }> {
    const [row] = await this.db.query<Array<{ name: { fi: string; sv?: string; en: string } }>>(
      `SELECT b.name FROM meetings m JOIN bodies b ON b.code = m.body_code WHERE m.id = $1`,
      [meetingId],
    );
    return row?.name ?? { fi: '', en: '' };
  }

  private summary(m: MeetingEntity, itemCount: number, bodyName: { fi: string; sv?: string; en: string }, actor: Actor): MeetingSummaryView {
    return {
      id: m.id,
      body: m.bodyCode,
      bodyName,
      kind: m.kind,
      startsAt: m.startsAt.toISOString(),
      endsAt: m.endsAt?.toISOString() ?? null,
      place: m.place,
      remote: m.remote,
      status: m.status,
      minutesStatus: m.minutesStatus,
      publishedAt: m.publishedAt?.toISOString() ?? null,
      itemCount,
      mine: actor.bodies.includes(m.bodyCode),
    };
  }

  private async view(em: EntityManager, actor: Actor, l: Loaded): Promise<MeetingView> {
    const m = l.meeting;
    const orders = await this.standingOrders(em, m.bodyCode);
    const body = await this.bodies.get(m.bodyCode);
    const seats = await this.seats(em, m.bodyCode);
    const substitutes = await em.query<Array<{ username: string; display_name: string }>>(
      `SELECT u.username, u.display_name FROM body_members bm JOIN users u ON u.id = bm.user_id WHERE bm.body_code = $1 AND bm.role = 'substitute' ORDER BY u.username`,
      [m.bodyCode],
    );
    const names = await this.names(em, [
      ...l.attendees.map((a) => a.personId),
      ...l.attendees.map((a) => a.standsInFor).filter((x): x is string => !!x),
      ...l.items.flatMap((i) => [i.preparerId, i.presenterId]).filter((x): x is string => !!x),
      ...l.recusals.map((r) => r.personId),
      ...l.dissents.map((d) => d.personId),
      ...l.signatures.map((s) => s.personId),
      ...l.ballots.map((b) => b.personId),
      ...l.proposals.flatMap((p) => [p.proposedBy, p.secondedBy]).filter((x): x is string => !!x),
      ...l.votes.flatMap((v) => Object.keys(v.ballots)),
      ...m.minutesCheckers,
      ...[m.chairId, m.secretaryId].filter((x): x is string => !!x),
    ]);
    const username = (id: string | null) => (id ? (names.get(id)?.username ?? null) : null);
    const attendees = this.attendeesOf(l);
    const organiser = !!actor.userId && body.members.some((x) => x.username === actor.username && ORGANISING_ROLES.includes(x.role));
    const recorder = !!actor.userId && (actor.userId === m.chairId || actor.userId === m.secretaryId);
    const items: ItemView[] = l.items.map((i) => {
      const recusals = l.recusals.filter((r) => r.itemId === i.id);
      const q = checkQuorum({
        rule: orders.quorum,
        members: seats.map((s) => s.id),
        attendees,
        recusals: recusals.map((r) => ({ personId: r.personId, ground: r.ground as never })),
        item: i.position,
      });
      return {
        id: i.id,
        position: i.position,
        taskId: i.taskId,
        instanceId: i.instanceId,
        diaryNumber: i.diaryNumber,
        classification: i.classification,
        title: i.title,
        summary: i.summary,
        preparer: username(i.preparerId),
        preparedOn: i.preparedOn,
        preparationText: i.preparationText,
        presenter: username(i.presenterId),
        proposal: i.proposal,
        section: i.section,
        year: i.year,
        sectionLabel: i.section ? `§ ${i.section}/${i.year}` : null,
        outcome: i.outcome,
        decisionText: i.decisionText,
        immediateEnforcement: i.immediateEnforcement,
        isPublic: i.isPublic,
        secrecyGround: i.secrecyGround,
        decidedAt: i.decidedAt?.toISOString() ?? null,
        reviewOf: i.reviewOf,
        recusals: recusals.map((r) => ({ username: username(r.personId) ?? '', ground: r.ground })),
        proposals: l.proposals
          .filter((p) => p.itemId === i.id)
          .map((p) => ({ id: p.id, kind: p.kind, text: p.text, proposedBy: username(p.proposedBy), secondedBy: username(p.secondedBy) })),
        votes: l.votes
          .filter((v) => v.itemId === i.id)
          .map((v) => {
            const ballots = Object.fromEntries(Object.entries(v.ballots).map(([pid, b]) => [username(pid) ?? pid, b]));
            const counts: Record<Ballot, number> = { yes: 0, no: 0, blank: 0, absent: 0 };
            for (const b of Object.values(v.ballots)) counts[b as Ballot] += 1;
            return { round: v.round, yes: v.yesProposal, no: v.noProposal, counts, ballots, winner: v.winner, decidedBy: v.decidedBy };
          }),
        dissents: l.dissents.filter((d) => d.itemId === i.id).map((d) => ({ username: username(d.personId) ?? '', reasons: d.reasons })),
        quorum: { filled: q.present, required: q.required, seats: q.seats, ok: q.quorate },
        ballots: l.ballots.filter((b) => b.itemId === i.id).map((b) => ({ username: username(b.personId) ?? '', ballot: b.ballot })),
      };
    });
    const now = this.clock.now();
    return {
      ...this.summary(m, l.items.length, body.name, actor),
      invitedAt: m.invitedAt?.toISOString() ?? null,
      invitationDeadline: latestInvitationDate(m.startsAt, orders.invitationDays),
      chair: username(m.chairId),
      secretary: username(m.secretaryId),
      minutesCheckers: m.minutesCheckers.map((c) => username(c) ?? ''),
      standingOrders: orders,
      members: body.members.filter((x) => x.role !== 'substitute'),
      substitutes: substitutes.map((s) => ({ username: s.username, displayName: s.display_name })),
      attendees: l.attendees.map((a) => ({
        username: username(a.personId) ?? '',
        displayName: names.get(a.personId)?.displayName ?? '',
        role: a.role as AttendeeRole,
        standsInFor: username(a.standsInFor),
        presentAtStart: a.presentAtStart,
        movements: l.movements.filter((x) => x.attendeeId === a.id).map((x) => ({ kind: x.kind as 'arrived' | 'left', beforeItem: x.beforeItem })),
      })),
      signatures: l.signatures.map((s) => ({ username: username(s.personId) ?? '', role: s.role, signedAt: s.signedAt.toISOString() })),
      may: {
        manage: organiser || recorder,
        sign: !!actor.userId && m.status === 'closed' && (actor.userId === m.chairId || actor.userId === m.secretaryId),
        check: !!actor.userId && m.minutesStatus === 'signed' && m.minutesCheckers.includes(actor.userId),
        vote: m.kind === 'electronic' && !!actor.userId && seats.some((s) => s.id === actor.userId) && now >= m.startsAt && (!m.endsAt || now <= m.endsAt),
      },
      items,
    };
  }
}
