/**
 * Meetings as the api answers them (issue 14): aliases of the api's own schemas
 * (api/schema.d.ts), plus the closed lists the pages word themselves.
 */
import type { components } from '../api/schema';

type Schemas = components['schemas'];
export type MeetingSummary = Schemas['MeetingSummary'];
export type Meeting = Schemas['MeetingView'];
export type MeetingItem = Schemas['MeetingItemView'];
export type Attendee = Schemas['MeetingAttendeeView'];
export type VoteRound = Schemas['ItemVoteView'];
export type Proposal = Schemas['ItemProposalView'];
export type Matter = Schemas['MatterView'];
export type RecusalGroundView = Schemas['RecusalGroundView'];
export type StandingOrders = Schemas['StandingOrdersView'];
export type NewMeeting = Schemas['CreateMeetingDto'];
export type NewItem = Schemas['AgendaItemDto'];
export type ItemChange = Schemas['UpdateAgendaItemDto'];
export type AttendanceInput = Schemas['AttendanceDto'];
export type Movement = Schemas['MovementDto'];
export type Recusal = Schemas['RecusalDto'];
export type DecisionInput = Schemas['ItemDecisionDto'];
export type PublicMinutes = Schemas['PublicMinutesFeed'];

export type MeetingKind = Schemas['MeetingKind'];
export type MeetingStatus = Schemas['MeetingStatus'];
export type MinutesStatus = Schemas['MinutesStatus'];
export type Outcome = Schemas['ItemOutcome'];
export type AttendeeRole = Schemas['AttendeeRole'];
export type CounterKind = Schemas['CounterProposalDto']['kind'];
export type Ballot = 'yes' | 'no' | 'blank' | 'absent';
