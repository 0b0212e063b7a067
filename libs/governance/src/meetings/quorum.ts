import { seatsFilled, type Attendee, type Recusal } from './attendance.js';
import { meetingRefusal } from './meeting-refusal.js';

/**
 * How many seats must be filled for a body to decide (päätösvaltaisuus). A board or committee
 * decides when more than half of its members are present (Local Government Act 103 §); a
 * council needs two thirds. A body's standing orders name its rule.
 */
export type QuorumRule = 'more-than-half' | 'two-thirds';

export const QUORUM_RULES: readonly QuorumRule[] = ['more-than-half', 'two-thirds'];

export function seatsRequired(rule: QuorumRule, seats: number): number {
  return rule === 'two-thirds' ? Math.ceil((seats * 2) / 3) : Math.floor(seats / 2) + 1;
}

export interface QuorumCheck {
  item: number;
  rule: QuorumRule;
  seats: number;
  required: number;
  present: number;
  quorate: boolean;
  /** member id → the person filling the seat (the member or their substitute). */
  filled: Map<string, string>;
}

export function checkQuorum(input: {
  rule: QuorumRule;
  members: readonly string[];
  attendees: readonly Attendee[];
  recusals: readonly Recusal[];
  item: number;
}): QuorumCheck {
  const filled = seatsFilled(input.members, input.attendees, input.recusals, input.item);
  const seats = input.members.length;
  const required = seatsRequired(input.rule, seats);
  return { item: input.item, rule: input.rule, seats, required, present: filled.size, quorate: seats > 0 && filled.size >= required, filled };
}

/** An item without a quorum cannot be decided; the refusal says how many seats were filled and how many the rule needs. */
export function assertQuorum(check: QuorumCheck): void {
  if (check.quorate) return;
  throw meetingRefusal(
    'no-quorum',
    `No quorum for item ${check.item}: ${check.present} of ${check.seats} seats are filled by present members without a conflict of interest, ${check.required} are needed (${check.rule})`,
    { item: check.item, present: check.present, seats: check.seats, required: check.required, rule: check.rule },
  );
}
