import { DomainError } from '@kaari/common/errors.js';

/**
 * Why a meeting rule refuses: a stable code the client words itself (fi/sv/en), the rule it
 * comes from, and the values the message names. A refusal is a 409 or 400 that changes nothing.
 */
export type MeetingRuleCode =
  | 'no-quorum'
  | 'recused-member-voting'
  | 'not-a-voter'
  | 'ballot-missing'
  | 'unknown-recusal-ground'
  | 'counter-proposal-not-seconded'
  | 'vote-order'
  | 'tie-without-chair-vote'
  | 'lot-required'
  | 'outcome-not-for-task'
  | 'invitation-late'
  | 'minutes-checked'
  | 'minutes-order'
  | 'not-a-minutes-checker'
  | 'already-signed'
  | 'not-chair-or-secretary'
  | 'vote-outside-window'
  | 'agenda-order'
  | 'matter-not-waiting'
  | 'meeting-state'
  | 'electronic-not-allowed'
  | 'not-an-attendee'
  | 'unknown-person'
  | 'not-a-review-decision'
  | 'review-decision-goes-to-court'
  | 'appeal-period-over'
  | 'no-pending-appeal'
  | 'reasons-required';

export function meetingRefusal(
  code: MeetingRuleCode,
  message: string,
  params: Record<string, string | number> = {},
  kind: 'CONFLICT' | 'BAD_INPUT' | 'FORBIDDEN' = 'CONFLICT',
): DomainError {
  return new DomainError(kind, message, [{ path: null, code, message, params }]);
}
