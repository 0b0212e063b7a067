import { meetingRefusal } from './meeting-refusal.js';
import type { ProposalKind } from './vote.js';

/** How a body disposes of an item, as Finnish minutes record it. */
export type ItemOutcome = 'approved-as-proposed' | 'approved-amended' | 'decided-by-vote' | 'rejected' | 'noted' | 'returned' | 'tabled' | 'removed';

export const ITEM_OUTCOMES: readonly ItemOutcome[] = [
  'approved-as-proposed',
  'approved-amended',
  'decided-by-vote',
  'rejected',
  'noted',
  'returned',
  'tabled',
  'removed',
];

/**
 * The BPMN task an item stands for: the variable its diagram branches on. A council decision sets
 * decisionOutcome (approved, amended, tabled, returned, rejected); a steering review sets
 * reviewOutcome (approved, returned). An information item stands for no task.
 */
export type ItemTask = { variable: 'decisionOutcome' } | { variable: 'reviewOutcome' } | null;

export const TASK_OF_FORM: Record<string, ItemTask> = {
  'kaari:council-decision': { variable: 'decisionOutcome' },
  'kaari:steering-review': { variable: 'reviewOutcome' },
};

export type TaskEffect =
  /** The task completes with these variables. */
  | { completes: true; variables: Record<string, string> }
  /** The task stays open and the matter goes back to the body's waiting list. */
  | { completes: false; backToWaitingList: boolean };

const DECISION: Record<Exclude<ItemOutcome, 'decided-by-vote'>, string | null> = {
  'approved-as-proposed': 'approved',
  'approved-amended': 'amended',
  rejected: 'rejected',
  returned: 'returned',
  tabled: 'tabled',
  noted: null,
  removed: null,
};

/** What a vote's winning proposal means as an outcome: the base proposal approves, a counter-proposal amends or moves. */
export function outcomeOfWinner(kind: ProposalKind): Exclude<ItemOutcome, 'decided-by-vote' | 'noted' | 'removed'> {
  switch (kind) {
    case 'base':
      return 'approved-as-proposed';
    case 'amend':
      return 'approved-amended';
    case 'reject':
      return 'rejected';
    case 'return':
      return 'returned';
    case 'table':
      return 'tabled';
  }
}

/**
 * Whether the body's decision on an item completes its task, and with which variables. Removing
 * an item from the agenda leaves the matter waiting; tabling a steering review (whose diagram has
 * no tabled branch) does the same, while a tabled council decision completes its task and the
 * diagram brings the matter back as a new task under the same diary number. `noted` is for
 * information items: a matter awaiting a decision is not settled by noting it.
 */
export function taskEffect(task: ItemTask, outcome: ItemOutcome, winnerKind?: ProposalKind): TaskEffect {
  const effective = outcome === 'decided-by-vote' ? (winnerKind ? outcomeOfWinner(winnerKind) : null) : outcome;
  if (!effective) throw meetingRefusal('outcome-not-for-task', 'An item decided by vote needs the vote’s result', {}, 'BAD_INPUT');
  if (effective === 'removed') return { completes: false, backToWaitingList: task !== null };
  if (task === null) {
    if (effective === 'noted' || effective === 'tabled') return { completes: false, backToWaitingList: effective === 'tabled' };
    throw meetingRefusal('outcome-not-for-task', `An information item is noted, tabled or removed, not ${outcome}`, { outcome });
  }
  if (effective === 'noted')
    throw meetingRefusal('outcome-not-for-task', 'A matter awaiting a decision is decided, returned, tabled or removed, not noted', {
      outcome,
      variable: task.variable,
    });
  if (task.variable === 'decisionOutcome') {
    return { completes: true, variables: { decisionOutcome: DECISION[effective]! } };
  }
  switch (effective) {
    case 'approved-as-proposed':
    case 'approved-amended':
      return { completes: true, variables: { reviewOutcome: 'approved' } };
    case 'returned':
      return { completes: true, variables: { reviewOutcome: 'returned' } };
    case 'tabled':
      return { completes: false, backToWaitingList: true };
    case 'rejected':
      throw meetingRefusal('outcome-not-for-task', 'A steering review approves the preparation or returns it; it has no rejected branch', {
        outcome,
        variable: task.variable,
      });
  }
}
