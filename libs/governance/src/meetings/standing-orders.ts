import { QUORUM_RULES, type QuorumRule } from './quorum.js';

/**
 * The meeting rules of a body from its standing orders (hallintosääntö): how many days before a
 * meeting the invitation must go out, its quorum rule, how many minutes checkers the meeting
 * chooses, and whether it may decide in a closed electronic procedure.
 */
export interface StandingOrders {
  invitationDays: number;
  quorum: QuorumRule;
  minutesCheckers: number;
  electronicProcedure: boolean;
}

/** What a body follows when its seed or its admin sets nothing: 4 days, more than half, two checkers. */
export const DEFAULT_STANDING_ORDERS: StandingOrders = { invitationDays: 4, quorum: 'more-than-half', minutesCheckers: 2, electronicProcedure: false };

/** A body's standing orders from its seed entry, each field checked, the defaults filling what is unset. */
export function standingOrdersFrom(raw: unknown): StandingOrders {
  const o = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const count = (v: unknown, min: number, max: number, fallback: number) =>
    Number.isInteger(v) && (v as number) >= min && (v as number) <= max ? (v as number) : fallback;
  return {
    invitationDays: count(o.invitationDays, 0, 60, DEFAULT_STANDING_ORDERS.invitationDays),
    quorum: (QUORUM_RULES as readonly unknown[]).includes(o.quorum) ? (o.quorum as QuorumRule) : DEFAULT_STANDING_ORDERS.quorum,
    minutesCheckers: count(o.minutesCheckers, 0, 5, DEFAULT_STANDING_ORDERS.minutesCheckers),
    electronicProcedure: typeof o.electronicProcedure === 'boolean' ? o.electronicProcedure : DEFAULT_STANDING_ORDERS.electronicProcedure,
  };
}
