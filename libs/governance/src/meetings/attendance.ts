import { meetingRefusal } from './meeting-refusal.js';
import { isRecusalGround, type RecusalGround } from './recusal-grounds.js';

/**
 * Who is at a meeting, item by item. A member sits in their own seat; a substitute (varajäsen)
 * stands in for a named member and fills that member's seat; others (the presenter, the
 * secretary, experts) may speak but fill no seat. Arrivals and departures are recorded before an
 * item (by its position on the agenda), so presence is known for every item.
 */
export type AttendeeRole = 'member' | 'substitute' | 'other';

export interface AttendanceMovement {
  /** The agenda position of the first item the change applies to. */
  beforeItem: number;
  kind: 'arrived' | 'left';
}

export interface Attendee {
  personId: string;
  role: AttendeeRole;
  /** The member whose seat a substitute fills. */
  standsInFor?: string | null;
  presentAtStart: boolean;
  movements?: AttendanceMovement[];
}

export interface Recusal {
  personId: string;
  ground: RecusalGround;
}

export function presentAt(attendee: Attendee, item: number): boolean {
  let present = attendee.presentAtStart;
  const moves = [...(attendee.movements ?? [])].sort((a, b) => a.beforeItem - b.beforeItem);
  for (const m of moves) if (m.beforeItem <= item) present = m.kind === 'arrived';
  return present;
}

/** Refuses a recusal that does not name a legal ground from the closed list. */
export function assertRecusal(recusal: { personId: string; ground: unknown }): asserts recusal is Recusal {
  if (!isRecusalGround(recusal.ground)) {
    throw meetingRefusal(
      'unknown-recusal-ground',
      'A recusal names its ground under the Administrative Procedure Act 28 §',
      { ground: String(recusal.ground) },
      'BAD_INPUT',
    );
  }
}

/**
 * The seat each present, non-recused person fills for an item: member id → person id. A member
 * who is present fills their own seat; a substitute fills the seat of the member they stand in
 * for, if that member is not in it. Recused people fill no seat and do not vote on the item.
 */
export function seatsFilled(members: readonly string[], attendees: readonly Attendee[], recusals: readonly Recusal[], item: number): Map<string, string> {
  const recused = new Set(recusals.map((r) => r.personId));
  const seats = new Set(members);
  const filled = new Map<string, string>();
  const here = attendees.filter((a) => presentAt(a, item) && !recused.has(a.personId));
  for (const a of here) if (a.role === 'member' && seats.has(a.personId)) filled.set(a.personId, a.personId);
  for (const a of here) {
    if (a.role === 'substitute' && a.standsInFor && seats.has(a.standsInFor) && !filled.has(a.standsInFor)) filled.set(a.standsInFor, a.personId);
  }
  return filled;
}
