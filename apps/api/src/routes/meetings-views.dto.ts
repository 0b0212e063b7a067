import { ApiProperty } from '@nestjs/swagger';
import type * as meetings from '@kaari/governance/meetings/meeting.service.js';
import type { StandingOrders } from '@kaari/governance/meetings/standing-orders.js';
import { QUORUM_RULES, type QuorumRule } from '@kaari/governance/meetings/quorum.js';
import type { AttendeeRole } from '@kaari/governance/meetings/attendance.js';
import type { MeetingKind, MeetingStatus, MinutesStatus } from '@kaari/persistence/meeting.entities.js';
import { LocalizedName } from './governance-views.dto.js';
import type { Expect, Same } from './same-shape.js';

const MEETING_KINDS: MeetingKind[] = ['meeting', 'electronic'];
const MEETING_STATUSES: MeetingStatus[] = ['scheduled', 'invited', 'open', 'closed', 'cancelled'];
const MINUTES_STATUSES: MinutesStatus[] = ['draft', 'signed', 'checked', 'published'];
const ATTENDEE_ROLES: AttendeeRole[] = ['member', 'substitute', 'other'];
const BALLOTS = { type: 'object', additionalProperties: { type: 'string' }, description: 'username → yes, no, blank or absent' } as const;

export class StandingOrdersView {
  @ApiProperty({ type: Number }) invitationDays!: number;
  @ApiProperty({ enum: QUORUM_RULES, enumName: 'QuorumRule' }) quorum!: QuorumRule;
  @ApiProperty({ type: Number }) minutesCheckers!: number;
  @ApiProperty({ type: Boolean }) electronicProcedure!: boolean;
}

export class MatterDocument {
  @ApiProperty({ type: String, example: 'kaari:service-mapping' }) formKey!: string;
  @ApiProperty({ type: String, format: 'date-time' }) submittedAt!: string;
  @ApiProperty({ type: String }) submittedBy!: string;
}

export class MatterHandling {
  @ApiProperty({ type: String, format: 'uuid' }) meetingId!: string;
  @ApiProperty({ type: String, format: 'date' }) meetingDate!: string;
  @ApiProperty({ type: String, nullable: true }) sectionLabel!: string | null;
  @ApiProperty({ type: String, nullable: true }) outcome!: string | null;
}

export class MatterReviewOf {
  @ApiProperty({ type: String, format: 'uuid' }) decisionId!: string;
  @ApiProperty({ type: String }) sectionLabel!: string;
}

export class MatterView {
  @ApiProperty({ type: String, format: 'uuid' }) taskId!: string;
  @ApiProperty({ type: String, format: 'uuid' }) instanceId!: string;
  @ApiProperty({ type: String }) activityId!: string;
  @ApiProperty({ type: String, nullable: true }) taskName!: string | null;
  @ApiProperty({ type: String, nullable: true }) diaryNumber!: string | null;
  @ApiProperty({ type: String, nullable: true }) classification!: string | null;
  @ApiProperty({ type: String, nullable: true }) title!: string | null;
  @ApiProperty({ type: String, nullable: true }) preparer!: string | null;
  @ApiProperty({ type: [MatterDocument] }) documents!: MatterDocument[];
  @ApiProperty({ type: [MatterHandling], description: 'Earlier handlings of the matter at this body’s meetings (tabled, removed)' })
  handlings!: MatterHandling[];
  @ApiProperty({ type: MatterReviewOf, nullable: true, description: 'The decision a request for review asks the body to review' })
  reviewOf!: MatterReviewOf | null;
  @ApiProperty({ type: String, format: 'date-time' }) waitingSince!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) dueAt!: string | null;
}

export class MatterList {
  @ApiProperty({ type: [MatterView] }) items!: MatterView[];
}

export class MeetingSummary {
  @ApiProperty({ type: String, format: 'uuid' }) id!: string;
  @ApiProperty({ type: String }) body!: string;
  @ApiProperty({ type: LocalizedName }) bodyName!: LocalizedName;
  @ApiProperty({ enum: MEETING_KINDS, enumName: 'MeetingKind' }) kind!: MeetingKind;
  @ApiProperty({ type: String, format: 'date-time' }) startsAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) endsAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) place!: string | null;
  @ApiProperty({ type: Boolean }) remote!: boolean;
  @ApiProperty({ enum: MEETING_STATUSES, enumName: 'MeetingStatus' }) status!: MeetingStatus;
  @ApiProperty({ enum: MINUTES_STATUSES, enumName: 'MinutesStatus' }) minutesStatus!: MinutesStatus;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) publishedAt!: string | null;
  @ApiProperty({ type: Number }) itemCount!: number;
  @ApiProperty({ type: Boolean, description: 'The caller sits in the body' }) mine!: boolean;
}

export class MeetingPage {
  @ApiProperty({ type: [MeetingSummary] }) items!: MeetingSummary[];
  @ApiProperty({ type: Number }) total!: number;
}

export class ItemRecusalView {
  @ApiProperty({ type: String }) username!: string;
  @ApiProperty({ type: String }) ground!: string;
}

export class ItemProposalView {
  @ApiProperty({ type: String, format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, description: 'base, amend, reject, return or table' }) kind!: string;
  @ApiProperty({ type: String }) text!: string;
  @ApiProperty({ type: String, nullable: true }) proposedBy!: string | null;
  @ApiProperty({ type: String, nullable: true }) secondedBy!: string | null;
}

export class BallotCounts {
  @ApiProperty({ type: Number }) yes!: number;
  @ApiProperty({ type: Number }) no!: number;
  @ApiProperty({ type: Number }) blank!: number;
  @ApiProperty({ type: Number }) absent!: number;
}

export class ItemVoteView {
  @ApiProperty({ type: Number }) round!: number;
  @ApiProperty({ type: String, format: 'uuid', description: 'The proposal voted yes' }) yes!: string;
  @ApiProperty({ type: String, format: 'uuid', description: 'The proposal voted no' }) no!: string;
  @ApiProperty({ type: BallotCounts }) counts!: BallotCounts;
  @ApiProperty(BALLOTS) ballots!: Record<string, string>;
  @ApiProperty({ type: String, format: 'uuid' }) winner!: string;
  @ApiProperty({ type: String, description: 'majority, chair or lot' }) decidedBy!: string;
}

export class ItemDissentView {
  @ApiProperty({ type: String }) username!: string;
  @ApiProperty({ type: String, nullable: true }) reasons!: string | null;
}

export class ItemQuorumView {
  @ApiProperty({ type: Number, description: 'Seats filled by present members without a conflict of interest' }) filled!: number;
  @ApiProperty({ type: Number }) required!: number;
  @ApiProperty({ type: Number }) seats!: number;
  @ApiProperty({ type: Boolean }) ok!: boolean;
}

export class ElectronicBallotView {
  @ApiProperty({ type: String }) username!: string;
  @ApiProperty({ type: String }) ballot!: string;
}

export class MeetingItemView {
  @ApiProperty({ type: String, format: 'uuid' }) id!: string;
  @ApiProperty({ type: Number }) position!: number;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) taskId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) instanceId!: string | null;
  @ApiProperty({ type: String, nullable: true }) diaryNumber!: string | null;
  @ApiProperty({ type: String, nullable: true }) classification!: string | null;
  @ApiProperty({ type: String }) title!: string;
  @ApiProperty({ type: String, nullable: true }) summary!: string | null;
  @ApiProperty({ type: String, nullable: true }) preparer!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) preparedOn!: string | null;
  @ApiProperty({ type: String, nullable: true }) preparationText!: string | null;
  @ApiProperty({ type: String, nullable: true }) presenter!: string | null;
  @ApiProperty({ type: String }) proposal!: string;
  @ApiProperty({ type: Number, nullable: true }) section!: number | null;
  @ApiProperty({ type: Number, nullable: true }) year!: number | null;
  @ApiProperty({ type: String, nullable: true, example: '§ 272/2023' }) sectionLabel!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The item outcome, once decided' }) outcome!: string | null;
  @ApiProperty({ type: String, nullable: true }) decisionText!: string | null;
  @ApiProperty({ type: Boolean }) immediateEnforcement!: boolean;
  @ApiProperty({ type: Boolean }) isPublic!: boolean;
  @ApiProperty({ type: String, nullable: true }) secrecyGround!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) decidedAt!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The decision whose request for review the item handles' }) reviewOf!:
    string | null;
  @ApiProperty({ type: [ItemRecusalView] }) recusals!: ItemRecusalView[];
  @ApiProperty({ type: [ItemProposalView] }) proposals!: ItemProposalView[];
  @ApiProperty({ type: [ItemVoteView] }) votes!: ItemVoteView[];
  @ApiProperty({ type: [ItemDissentView] }) dissents!: ItemDissentView[];
  @ApiProperty({ type: ItemQuorumView }) quorum!: ItemQuorumView;
  @ApiProperty({ type: [ElectronicBallotView] }) ballots!: ElectronicBallotView[];
}

export class MeetingMember {
  @ApiProperty({ type: String }) username!: string;
  @ApiProperty({ type: String }) displayName!: string;
  @ApiProperty({ type: String }) role!: string;
}

export class MeetingSubstitute {
  @ApiProperty({ type: String }) username!: string;
  @ApiProperty({ type: String }) displayName!: string;
}

export class AttendanceMovementView {
  @ApiProperty({ enum: ['arrived', 'left'] }) kind!: 'arrived' | 'left';
  @ApiProperty({ type: Number }) beforeItem!: number;
}

export class MeetingAttendeeView {
  @ApiProperty({ type: String }) username!: string;
  @ApiProperty({ type: String }) displayName!: string;
  @ApiProperty({ enum: ATTENDEE_ROLES, enumName: 'AttendeeRole' }) role!: AttendeeRole;
  @ApiProperty({ type: String, nullable: true }) standsInFor!: string | null;
  @ApiProperty({ type: Boolean }) presentAtStart!: boolean;
  @ApiProperty({ type: [AttendanceMovementView] }) movements!: AttendanceMovementView[];
}

export class MinutesSignatureView {
  @ApiProperty({ type: String }) username!: string;
  @ApiProperty({ type: String, description: 'chair, secretary or checker' }) role!: string;
  @ApiProperty({ type: String, format: 'date-time' }) signedAt!: string;
}

export class MeetingPermissions {
  @ApiProperty({ type: Boolean, description: 'Build the agenda, invite, record the meeting' }) manage!: boolean;
  @ApiProperty({ type: Boolean }) sign!: boolean;
  @ApiProperty({ type: Boolean }) check!: boolean;
  @ApiProperty({ type: Boolean, description: 'Cast a ballot in the open voting window' }) vote!: boolean;
}

export class MeetingView extends MeetingSummary {
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) invitedAt!: string | null;
  @ApiProperty({ type: String, format: 'date', description: 'The last day (in Finland) the invitation may be sent' }) invitationDeadline!: string;
  @ApiProperty({ type: String, nullable: true }) chair!: string | null;
  @ApiProperty({ type: String, nullable: true }) secretary!: string | null;
  @ApiProperty({ type: [String] }) minutesCheckers!: string[];
  @ApiProperty({ type: StandingOrdersView }) standingOrders!: StandingOrdersView;
  @ApiProperty({ type: [MeetingMember] }) members!: MeetingMember[];
  @ApiProperty({ type: [MeetingSubstitute] }) substitutes!: MeetingSubstitute[];
  @ApiProperty({ type: [MeetingAttendeeView] }) attendees!: MeetingAttendeeView[];
  @ApiProperty({ type: [MinutesSignatureView] }) signatures!: MinutesSignatureView[];
  @ApiProperty({ type: MeetingPermissions }) may!: MeetingPermissions;
  @ApiProperty({ type: [MeetingItemView] }) items!: MeetingItemView[];
}

export class RecusalGroundView {
  @ApiProperty({ type: String }) code!: string;
  @ApiProperty({ type: String, example: 'HL 28 § 1 mom. 3 k' }) law!: string;
  @ApiProperty({ type: LocalizedName }) label!: LocalizedName;
}

export class PublicMinutesItem {
  @ApiProperty({ type: String, format: 'uuid' }) itemId!: string;
  @ApiProperty({ type: String, nullable: true }) sectionLabel!: string | null;
  @ApiProperty({ type: String }) title!: string;
  @ApiProperty({ type: String, nullable: true }) outcome!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Left out of a non-public item' }) decisionText!: string | null;
  @ApiProperty({ type: Boolean }) isPublic!: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'Why a non-public item’s content is left out' }) secrecyGround!: string | null;
}

export class PublicMinutesView {
  @ApiProperty({ type: String, format: 'uuid' }) meetingId!: string;
  @ApiProperty({ type: String }) body!: string;
  @ApiProperty({ type: LocalizedName }) bodyName!: LocalizedName;
  @ApiProperty({ type: String, format: 'date-time' }) startsAt!: string;
  @ApiProperty({ type: String, format: 'date-time' }) publishedAt!: string;
  @ApiProperty({ type: [PublicMinutesItem] }) items!: PublicMinutesItem[];
}

export class PublicMinutesFeed {
  @ApiProperty({ type: [PublicMinutesView] }) items!: PublicMinutesView[];
}

type _Checks = [
  Expect<Same<meetings.MatterView, MatterView>>,
  Expect<Same<meetings.MeetingSummaryView, MeetingSummary>>,
  Expect<Same<meetings.MeetingView, MeetingView>>,
  Expect<Same<meetings.PublicMinutes, PublicMinutesView>>,
  Expect<Same<StandingOrders, StandingOrdersView>>,
];
