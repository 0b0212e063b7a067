import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/*
 * Meetings of bodies and what they decide: the meeting and its agenda items (matters), who
 * attended (with arrivals and departures per item), recusals with their legal ground, proposals,
 * votes, dissents, the signatures and checks of the minutes, and each body's standing-order
 * defaults. Owned by libs/governance (meetings/); plain id columns, as in entities.ts.
 */

/** A body's meeting rules; a body without a row follows the defaults (4 days, more than half, two checkers). */
@Entity('body_standing_orders')
export class BodyStandingOrdersEntity {
  @PrimaryColumn('text', { name: 'body_code' }) bodyCode!: string;
  @Column('integer', { name: 'invitation_days', default: 4 }) invitationDays!: number;
  /** `more-than-half` or `two-thirds`. */
  @Column('text', { name: 'quorum_rule', default: 'more-than-half' }) quorumRule!: string;
  @Column('integer', { name: 'minutes_checkers', default: 2 }) minutesCheckers!: number;
  @Column('boolean', { name: 'electronic_procedure', default: false }) electronicProcedure!: boolean;
  @Column('text', { name: 'updated_by' }) updatedBy!: string;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}

/** `meeting` in a place or remote; `electronic`: a closed electronic decision procedure with a voting window. */
export type MeetingKind = 'meeting' | 'electronic';
export type MeetingStatus = 'scheduled' | 'invited' | 'open' | 'closed' | 'cancelled';
export type MinutesStatus = 'draft' | 'signed' | 'checked' | 'published';

@Entity('meetings')
@Index(['bodyCode', 'startsAt'])
export class MeetingEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text', { name: 'body_code' }) bodyCode!: string;
  @Column('text') kind!: MeetingKind;
  @Column('timestamptz', { name: 'starts_at' }) startsAt!: Date;
  /** The end of the voting window of an electronic procedure; the planned end of a meeting. */
  @Column('timestamptz', { name: 'ends_at', nullable: true }) endsAt!: Date | null;
  @Column('text', { nullable: true }) place!: string | null;
  @Column('boolean', { default: false }) remote!: boolean;
  @Column('text', { default: 'scheduled' }) status!: MeetingStatus;
  @Column('timestamptz', { name: 'invited_at', nullable: true }) invitedAt!: Date | null;
  @Column('uuid', { name: 'chair_id', nullable: true }) chairId!: string | null;
  @Column('uuid', { name: 'secretary_id', nullable: true }) secretaryId!: string | null;
  /** The minutes checkers chosen at the meeting. */
  @Column('uuid', { name: 'minutes_checkers', array: true, default: () => "'{}'" }) minutesCheckers!: string[];
  @Column('text', { name: 'minutes_status', default: 'draft' }) minutesStatus!: MinutesStatus;
  @Column('timestamptz', { name: 'published_at', nullable: true }) publishedAt!: Date | null;
  @Column('text', { name: 'created_by' }) createdBy!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

/** An item on a meeting's agenda: a matter waiting for the body (a task) or an information item. */
@Entity('meeting_items')
@Index(['meetingId', 'position'], { unique: true })
export class MeetingItemEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'meeting_id' }) meetingId!: string;
  @Column('integer') position!: number;
  @Index() @Column('uuid', { name: 'task_id', nullable: true }) taskId!: string | null;
  @Column('uuid', { name: 'instance_id', nullable: true }) instanceId!: string | null;
  @Column('text', { name: 'diary_number', nullable: true }) diaryNumber!: string | null;
  @Column('text', { nullable: true }) classification!: string | null;
  @Column('text') title!: string;
  @Column('text', { nullable: true }) summary!: string | null;
  @Column('uuid', { name: 'preparer_id', nullable: true }) preparerId!: string | null;
  @Column('date', { name: 'prepared_on', nullable: true }) preparedOn!: string | null;
  @Column('text', { name: 'preparation_text', nullable: true }) preparationText!: string | null;
  @Column('uuid', { name: 'presenter_id', nullable: true }) presenterId!: string | null;
  @Column('text') proposal!: string;
  /** The § number, given in agenda order when the item is handled. */
  @Column('integer', { nullable: true }) section!: number | null;
  @Column('integer', { nullable: true }) year!: number | null;
  /** One of the item outcomes (approved-as-proposed … removed). */
  @Column('text', { nullable: true }) outcome!: string | null;
  @Column('text', { name: 'decision_text', nullable: true }) decisionText!: string | null;
  @Column('boolean', { name: 'immediate_enforcement', default: false }) immediateEnforcement!: boolean;
  @Column('boolean', { name: 'is_public', default: true }) isPublic!: boolean;
  @Column('text', { name: 'secrecy_ground', nullable: true }) secrecyGround!: string | null;
  @Column('jsonb', { default: () => "'[]'" }) distribution!: Array<{ purpose: string; recipient: string }>;
  @Column('timestamptz', { name: 'decided_at', nullable: true }) decidedAt!: Date | null;
  /** The decision whose request for review this item handles. */
  @Column('uuid', { name: 'review_of', nullable: true }) reviewOf!: string | null;
}

/** Who attended: members, substitutes standing in for a named member, and others with the right to speak. */
@Entity('meeting_attendees')
@Index(['meetingId', 'personId'], { unique: true })
export class MeetingAttendeeEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'meeting_id' }) meetingId!: string;
  @Column('uuid', { name: 'person_id' }) personId!: string;
  /** `member`, `substitute` or `other`. */
  @Column('text') role!: string;
  @Column('uuid', { name: 'stands_in_for', nullable: true }) standsInFor!: string | null;
  @Column('boolean', { name: 'present_at_start', default: true }) presentAtStart!: boolean;
}

/** An arrival or a departure, before the item at a position on the agenda. */
@Entity('meeting_attendance_movements')
@Index(['attendeeId', 'beforeItem'])
export class MeetingAttendanceMovementEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'attendee_id' }) attendeeId!: string;
  @Column('integer', { name: 'before_item' }) beforeItem!: number;
  /** `arrived` or `left`. */
  @Column('text') kind!: string;
  @Column('timestamptz', { name: 'recorded_at' }) recordedAt!: Date;
}

/** A member's conflict of interest for an item, with its legal ground (Administrative Procedure Act 28 §). */
@Entity('item_recusals')
@Index(['itemId', 'personId'], { unique: true })
export class ItemRecusalEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'item_id' }) itemId!: string;
  @Column('uuid', { name: 'person_id' }) personId!: string;
  @Column('text') ground!: string;
  @Column('text', { nullable: true }) note!: string | null;
}

/** The presenter's proposal (`base`) and the counter-proposals made and seconded at the meeting. */
@Entity('item_proposals')
@Index(['itemId', 'position'], { unique: true })
export class ItemProposalEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'item_id' }) itemId!: string;
  @Column('integer') position!: number;
  /** `base`, `amend`, `reject`, `return` or `table`. */
  @Column('text') kind!: string;
  @Column('text') text!: string;
  @Column('uuid', { name: 'proposed_by', nullable: true }) proposedBy!: string | null;
  @Column('uuid', { name: 'seconded_by', nullable: true }) secondedBy!: string | null;
}

/** One round of a vote: two proposals, each voter's ballot, and the computed result. */
@Entity('item_votes')
@Index(['itemId', 'round'], { unique: true })
export class ItemVoteEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'item_id' }) itemId!: string;
  @Column('integer') round!: number;
  @Column('uuid', { name: 'yes_proposal' }) yesProposal!: string;
  @Column('uuid', { name: 'no_proposal' }) noProposal!: string;
  /** voter id → yes | no | blank | absent. */
  @Column('jsonb') ballots!: Record<string, string>;
  @Column('uuid') winner!: string;
  /** `majority`, `chair` or `lot`. */
  @Column('text', { name: 'decided_by' }) decidedBy!: string;
}

/** A dissent (eriävä mielipide), recorded at the end of the §, with or without reasons. */
@Entity('item_dissents')
@Index(['itemId', 'personId'], { unique: true })
export class ItemDissentEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'item_id' }) itemId!: string;
  @Column('uuid', { name: 'person_id' }) personId!: string;
  @Column('text', { nullable: true }) reasons!: string | null;
}

/** A signature (chair, secretary) or check (a minutes checker) of a meeting's minutes. */
@Entity('minutes_signatures')
export class MinutesSignatureEntity {
  @PrimaryColumn('uuid', { name: 'meeting_id' }) meetingId!: string;
  @PrimaryColumn('uuid', { name: 'person_id' }) personId!: string;
  /** `chair`, `secretary` or `checker`. */
  @PrimaryColumn('text') role!: string;
  @Column('timestamptz', { name: 'signed_at' }) signedAt!: Date;
}

/** A member's ballot in a closed electronic decision procedure, cast within the voting window. */
@Entity('electronic_ballots')
export class ElectronicBallotEntity {
  @PrimaryColumn('uuid', { name: 'item_id' }) itemId!: string;
  @PrimaryColumn('uuid', { name: 'person_id' }) personId!: string;
  /** `yes` (for the proposal), `no` or `blank`. */
  @Column('text') ballot!: string;
  @Column('timestamptz', { name: 'cast_at' }) castAt!: Date;
}

export const MEETING_ENTITIES = [
  ElectronicBallotEntity,
  BodyStandingOrdersEntity,
  MeetingEntity,
  MeetingItemEntity,
  MeetingAttendeeEntity,
  MeetingAttendanceMovementEntity,
  ItemRecusalEntity,
  ItemProposalEntity,
  ItemVoteEntity,
  ItemDissentEntity,
  MinutesSignatureEntity,
];
