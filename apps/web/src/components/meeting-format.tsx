import { ApiError } from '../api';
import type { MessageKey } from '../i18n/fi';
import { useI18n, type Translate } from '../i18n/i18n';
import { ErrorMessage } from './feedback';
import { helsinkiFormat } from './meeting-helpers';
import type { Ballot, CounterKind, MeetingKind, MeetingStatus, MinutesStatus, Outcome, StandingOrders } from './meeting-types';

export const OUTCOMES: Record<Outcome, MessageKey> = {
  'approved-as-proposed': 'meeting.outcome.approvedAsProposed',
  'approved-amended': 'meeting.outcome.approvedAmended',
  'decided-by-vote': 'meeting.outcome.decidedByVote',
  rejected: 'meeting.outcome.rejected',
  noted: 'meeting.outcome.noted',
  returned: 'meeting.outcome.returned',
  tabled: 'meeting.outcome.tabled',
  removed: 'meeting.outcome.removed',
};

export const COUNTER_KINDS: Record<CounterKind, MessageKey> = {
  amend: 'meeting.counter.amend',
  reject: 'meeting.counter.reject',
  return: 'meeting.counter.return',
  table: 'meeting.counter.table',
};

export const BALLOTS: Record<Ballot, MessageKey> = {
  yes: 'meeting.ballot.yes',
  no: 'meeting.ballot.no',
  blank: 'meeting.ballot.blank',
  absent: 'meeting.ballot.absent',
};

const KINDS: Record<MeetingKind, MessageKey> = { meeting: 'meeting.kind.meeting', electronic: 'meeting.kind.electronic' };
const STATUSES: Record<MeetingStatus, MessageKey> = {
  scheduled: 'meeting.status.scheduled',
  invited: 'meeting.status.invited',
  open: 'meeting.status.open',
  closed: 'meeting.status.closed',
  cancelled: 'meeting.status.cancelled',
};
const MINUTES: Record<MinutesStatus, MessageKey> = {
  draft: 'meeting.minutes.draft',
  signed: 'meeting.minutes.signed',
  checked: 'meeting.minutes.checked',
  published: 'meeting.minutes.published',
};
const SIGNERS: Record<'chair' | 'secretary' | 'checker', MessageKey> = { chair: 'meeting.chair', secretary: 'meeting.secretary', checker: 'meeting.checker' };
const QUORUM_RULES: Record<StandingOrders['quorum'], MessageKey> = {
  'more-than-half': 'meeting.quorumRule.moreThanHalf',
  'two-thirds': 'meeting.quorumRule.twoThirds',
};

/** A label from one of the maps above, or the value itself when the api sends one the web app does not know yet. */
function label<K extends string>(map: Record<K, MessageKey>, value: string | null | undefined, t: Translate): string {
  if (!value) return '–';
  return value in map ? t(map[value as K]) : value;
}

export const ballotText = (b: string, t: Translate) => label(BALLOTS, b, t);
/** A proposal's kind: the presenter's (base) or what a counter-proposal proposes. */
export const counterKindText = (k: string, t: Translate) => (k === 'base' ? t('meeting.baseProposal') : label(COUNTER_KINDS, k, t));
export const signerText = (role: string, t: Translate) => label(SIGNERS, role, t);
export const outcomeText = (o: string | null | undefined, t: Translate) => label(OUTCOMES, o, t);
export const kindText = (k: string, t: Translate) => label(KINDS, k, t);
export const statusText = (s: string, t: Translate) => label(STATUSES, s, t);
export const minutesText = (s: string, t: Translate) => label(MINUTES, s, t);
export const quorumRuleText = (r: string, t: Translate) => label(QUORUM_RULES, r, t);

/** Formats instants and days for the user's language, in Helsinki time. */
export function useHelsinki() {
  const { language } = useI18n();
  return helsinkiFormat(language);
}

/** What the page knows that a refusal's words need: names for usernames, the standing orders. */
export interface RefusalContext {
  nameOf?: (username: string) => string;
  bodyName?: (code: string) => string;
  /** An item as the refusal names it (its id or agenda position), in words. */
  itemName?: (item: string | number) => string;
  standingOrders?: StandingOrders;
}

/**
 * A meeting refusal in the user's language, worded from each problem's code and params (the
 * server's English message is never shown). Anything that is no meeting refusal is shown as the
 * rest of the app shows errors.
 */
export function MeetingProblem({ error, context = {} }: { error: unknown; context?: RefusalContext }) {
  const { t } = useI18n();
  const h = useHelsinki();
  if (!error) return null;
  if (!(error instanceof ApiError) || error.errors.length === 0 || !error.errors.every((e) => e.code in REFUSALS))
    return error instanceof ApiError && error.status < 500 && error.status !== 400 ? (
      <Refused status={error.status} correlationId={error.correlationId} />
    ) : (
      <ErrorMessage error={error} />
    );
  const name = (v: string | number) => (typeof v === 'string' ? (context.nameOf?.(v) ?? v) : String(v));
  return (
    <div role="alert" className="alert error">
      <p>
        <strong>{t('meeting.refused')}</strong>
      </p>
      <ul>
        {error.errors.map((e, i) => {
          const p = e.params ?? {};
          const vars: Record<string, string | number> = {};
          for (const [k, v] of Object.entries(p)) vars[k] = v;
          if ('person' in p) vars.person = name(p.person);
          if ('body' in p && context.bodyName) vars.body = context.bodyName(String(p.body));
          if ('item' in p && context.itemName) vars.item = context.itemName(p.item);
          if ('opensAt' in p) vars.opensAt = h.when(String(p.opensAt));
          if ('closesAt' in p) vars.closesAt = h.when(String(p.closesAt));
          if ('outcome' in p) vars.outcome = outcomeText(String(p.outcome), t);
          if ('status' in p) vars.status = e.code.startsWith('minutes-') ? minutesText(String(p.status), t) : statusText(String(p.status), t);
          if (e.code === 'no-quorum') {
            vars.filled = p.present ?? '–';
            vars.rule = quorumRuleText(String(p.rule), t);
          }
          if (e.code === 'invitation-late') {
            vars.days = p.invitationDays ?? context.standingOrders?.invitationDays ?? '–';
            vars.lastDay = h.day(String(p.latest));
            vars.sentOn = h.day(String(p.sent));
          }
          return <li key={i}>{t(refusalKey(e.code as keyof typeof REFUSALS, p), vars)}</li>;
        })}
      </ul>
      {error.correlationId && <p className="muted">{t('common.requestId', { id: error.correlationId })}</p>}
    </div>
  );
}

function Refused({ status, correlationId }: { status: number; correlationId: string | null }) {
  const { t } = useI18n();
  return (
    <div role="alert" className="alert error">
      <p>
        <strong>{t(status === 403 ? 'meeting.refusedForbidden' : status === 404 ? 'meeting.refusedNotFound' : 'meeting.refusedOther')}</strong>
      </p>
      {correlationId && <p className="muted">{t('common.requestId', { id: correlationId })}</p>}
    </div>
  );
}

/** The words for a refusal: by its code, and where one code covers two rules, by the values it names. */
function refusalKey(code: keyof typeof REFUSALS, params: Record<string, unknown>): MessageKey {
  if (code === 'not-a-minutes-checker' && 'required' in params) return 'meeting.refusal.checkersCount';
  if (code === 'vote-outside-window' && !params.closesAt) return 'meeting.refusal.windowNeeded';
  if (code === 'meeting-state' && params.status === 'decided') return 'meeting.refusal.itemDecided';
  return REFUSALS[code];
}

const REFUSALS = {
  'no-quorum': 'meeting.refusal.noQuorum',
  'recused-member-voting': 'meeting.refusal.recusedVoting',
  'not-a-voter': 'meeting.refusal.notAVoter',
  'ballot-missing': 'meeting.refusal.ballotMissing',
  'unknown-recusal-ground': 'meeting.refusal.unknownGround',
  'counter-proposal-not-seconded': 'meeting.refusal.notSeconded',
  'vote-order': 'meeting.refusal.voteOrder',
  'tie-without-chair-vote': 'meeting.refusal.tie',
  'lot-required': 'meeting.refusal.lot',
  'outcome-not-for-task': 'meeting.refusal.outcomeNotForTask',
  'invitation-late': 'meeting.refusal.invitationLate',
  'minutes-checked': 'meeting.refusal.minutesChecked',
  'minutes-order': 'meeting.refusal.minutesOrder',
  'not-a-minutes-checker': 'meeting.refusal.notAChecker',
  'already-signed': 'meeting.refusal.alreadySigned',
  'not-chair-or-secretary': 'meeting.refusal.notChairOrSecretary',
  'vote-outside-window': 'meeting.refusal.outsideWindow',
  'agenda-order': 'meeting.refusal.agendaOrder',
  'matter-not-waiting': 'meeting.refusal.matterNotWaiting',
  'meeting-state': 'meeting.refusal.meetingState',
  'electronic-not-allowed': 'meeting.refusal.electronicNotAllowed',
  'not-an-attendee': 'meeting.refusal.notAnAttendee',
  'unknown-person': 'meeting.refusal.unknownPerson',
} satisfies Record<string, MessageKey>;
