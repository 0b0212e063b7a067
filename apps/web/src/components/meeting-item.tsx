import { useState } from 'react';
import { api } from '../api';
import { useI18n, type Translate } from '../i18n/i18n';
import { CHANGES, useApiMutation } from '../lib/queries';
import { useSession } from '../lib/session';
import { ErrorMessage, Notice } from './feedback';
import { ItemEdit } from './meeting-agenda';
import { PersonSelect } from './meeting-person-select';
import { MeetingItemContext } from './meeting-item-context';
import { BALLOTS, ballotText, COUNTER_KINDS, counterKindText, MeetingProblem, OUTCOMES, outcomeText, type RefusalContext, useHelsinki } from './meeting-format';
import { countRound, votersAt } from './meeting-helpers';
import type { Ballot, CounterKind, DecisionInput, Meeting, MeetingItem, Outcome, Proposal, RecusalGroundView } from './meeting-types';

type NameOf = (username: string | null | undefined) => string;

/** One item of the agenda: what was prepared and proposed, the quorum, recusals, and its decision or the forms that record it. */
export function ItemCard({
  meeting,
  item,
  grounds,
  context,
  nameOf,
}: {
  meeting: Meeting;
  item: MeetingItem;
  grounds: RecusalGroundView[];
  context: RefusalContext;
  nameOf: NameOf;
}) {
  const { t, local } = useI18n();
  const h = useHelsinki();
  const { me } = useSession();
  const recording = meeting.may.manage && meeting.status === 'open' && !item.outcome;
  const groundOf = (code: string) => grounds.find((g) => g.code === code);
  const headingId = `item-${item.id}-h`;
  return (
    <li className="card meeting-item" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {item.sectionLabel ? `${item.sectionLabel} ` : `${item.position}. `}
        {item.title}
      </h3>
      <dl className="facts">
        <div>
          <dt>{t('meeting.diaryNumber')}</dt>
          <dd>
            {item.diaryNumber ?? '–'}
            {item.classification && <span className="muted"> ({item.classification})</span>}
          </dd>
        </div>
        <div>
          <dt>{t('meeting.preparer')}</dt>
          <dd>
            {nameOf(item.preparer)}
            {item.preparedOn && <span className="muted"> ({h.day(item.preparedOn)})</span>}
          </dd>
        </div>
        <div>
          <dt>{t('meeting.presenter')}</dt>
          <dd>{nameOf(item.presenter)}</dd>
        </div>
        {meeting.status !== 'scheduled' && meeting.status !== 'invited' && (
          <div>
            <dt>{t('meeting.quorum')}</dt>
            <dd>
              <span className={`badge ${item.quorum.ok ? 'ok' : 'danger'}`}>{item.quorum.ok ? t('meeting.quorumOk') : t('meeting.quorumMissing')}</span>{' '}
              {t('meeting.quorumCount', { filled: item.quorum.filled, required: item.quorum.required, seats: item.quorum.seats })}
            </dd>
          </div>
        )}
      </dl>
      {!item.isPublic && <p className="alert warn">{t('meeting.nonPublic', { ground: item.secrecyGround ?? '–' })}</p>}
      {item.reviewOf && <p className="badge info">{t('meeting.reviewItem')}</p>}
      {item.summary && <p>{item.summary}</p>}
      {item.preparationText && (
        <details>
          <summary>{t('meeting.preparation')}</summary>
          <p className="pre-line">{item.preparationText}</p>
        </details>
      )}
      {item.instanceId && !item.outcome && <MeetingItemContext instanceId={item.instanceId} taskId={item.taskId} />}
      <p>
        <strong>{t('meeting.proposal')}:</strong> <span className="pre-line">{item.proposal}</span>
      </p>
      {item.recusals.length > 0 && (
        <div>
          <h4>{t('meeting.recusals')}</h4>
          <ul className="plain">
            {item.recusals.map((r) => (
              <li key={r.username}>
                {t('meeting.recusedWith', { name: nameOf(r.username) })}{' '}
                {groundOf(r.ground) ? `${local(groundOf(r.ground)!.label)} (${groundOf(r.ground)!.law})` : r.ground}
              </li>
            ))}
          </ul>
        </div>
      )}
      {item.outcome ? (
        <DecisionView meeting={meeting} item={item} nameOf={nameOf} />
      ) : (
        meeting.kind === 'electronic' &&
        meeting.members.some((m) => m.username === me?.username && m.role !== 'secretary') && <BallotForm meeting={meeting} item={item} context={context} />
      )}
      {meeting.may.manage && !item.outcome && (meeting.status === 'scheduled' || meeting.status === 'invited') && (
        <ItemEdit meeting={meeting} item={item} context={context} />
      )}
      {recording && <RecusalForm meeting={meeting} item={item} grounds={grounds} context={context} />}
      {recording && <DecisionForm meeting={meeting} item={item} context={context} nameOf={nameOf} />}
    </li>
  );
}

/** A member declares a conflict of interest for the item, with its legal ground, and takes no part in it. */
function RecusalForm({ meeting, item, grounds, context }: { meeting: Meeting; item: MeetingItem; grounds: RecusalGroundView[]; context: RefusalContext }) {
  const { t, local } = useI18n();
  const recuse = useApiMutation((input: { username: string; ground: string }) => api.recuse(meeting.id, item.id, input), CHANGES.meeting);
  const [username, setUsername] = useState('');
  const [ground, setGround] = useState('');
  const candidates = votersAt(meeting, item);
  const id = (part: string) => `recusal-${item.id}-${part}`;
  return (
    <details className="recusal">
      <summary>{t('meeting.declareRecusal')}</summary>
      <MeetingProblem error={recuse.error} context={context} />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          recuse.mutate({ username, ground });
        }}
      >
        <PersonSelect id={id('who')} label={t('meeting.person')} people={candidates} value={username} required onChange={setUsername} />
        <div className="field">
          <label htmlFor={id('ground')}>{t('meeting.recusalGround')}</label>
          <select id={id('ground')} required value={ground} onChange={(e) => setGround(e.target.value)}>
            <option value="">–</option>
            {grounds.map((g) => (
              <option key={g.code} value={g.code}>
                {g.law}: {local(g.label)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" disabled={recuse.isPending}>
          {t('meeting.recordRecusal')}
        </button>
      </form>
    </details>
  );
}

interface Counter {
  kind: CounterKind;
  text: string;
  proposedBy: string;
  secondedBy: string;
}
interface Round {
  yes: string;
  no: string;
  ballots: Record<string, Ballot>;
}

/** What each side of a vote stands for: the presenter's proposal or a counter-proposal. */
function sideLabel(side: string | number, counters: Array<{ kind: CounterKind; proposedBy: string }>, nameOf: NameOf, t: Translate): string {
  if (side === 'base') return t('meeting.baseProposal');
  const index = Number(side);
  const c = counters[index];
  return c ? t('meeting.counterLabel', { n: index + 1, name: nameOf(c.proposedBy), kind: counterKindText(c.kind, t) }) : String(side);
}

/**
 * The item's decision: the outcome, the amended text or the reasons, counter-proposals with
 * their seconders, vote rounds with every ballot (the result computed as it is entered),
 * dissents and immediate enforcement.
 */
function DecisionForm({ meeting, item, context, nameOf }: { meeting: Meeting; item: MeetingItem; context: RefusalContext; nameOf: NameOf }) {
  const { t } = useI18n();
  const decide = useApiMutation((input: DecisionInput) => api.decide(meeting.id, item.id, input), CHANGES.meeting);
  const voters = votersAt(meeting, item);
  const [outcome, setOutcome] = useState<Outcome>('approved-as-proposed');
  const [text, setText] = useState('');
  const [counters, setCounters] = useState<Counter[]>([]);
  const [rounds, setRounds] = useState<Round[]>([]);
  const [dissents, setDissents] = useState<Array<{ username: string; reasons: string }>>([]);
  const [immediate, setImmediate] = useState(false);
  const id = (part: string) => `decision-${item.id}-${part}`;
  const seconded = counters.map((c, i) => ({ c, i })).filter(({ c }) => c.secondedBy);
  const sides = ['base', ...seconded.map(({ i }) => String(i))];
  const newRound = (): Round => ({
    yes: 'base',
    no: sides[rounds.length + 1] ?? sides[1] ?? 'base',
    // In the electronic procedure the members' own ballots fill the first round.
    ballots: Object.fromEntries(
      voters.map((v): [string, Ballot] => {
        const cast = meeting.kind === 'electronic' && !rounds.length ? item.ballots.find((b) => b.username === v.username)?.ballot : undefined;
        return [v.username, cast === 'yes' || cast === 'no' || cast === 'blank' ? cast : 'absent'];
      }),
    ),
  });
  const side = (v: string): 'base' | number => (v === 'base' ? 'base' : Number(v));
  const submit = () =>
    decide.mutateAsync({
      outcome,
      ...(text.trim() ? { decisionText: text.trim() } : {}),
      ...(counters.length
        ? {
            counterProposals: counters.map((c) => ({
              kind: c.kind,
              text: c.text,
              proposedBy: c.proposedBy,
              ...(c.secondedBy ? { secondedBy: c.secondedBy } : {}),
            })),
          }
        : {}),
      ...(outcome === 'decided-by-vote' ? { votes: rounds.map((r) => ({ yes: side(r.yes), no: side(r.no), ballots: r.ballots })) } : {}),
      ...(dissents.length ? { dissents: dissents.map((d) => ({ username: d.username, ...(d.reasons.trim() ? { reasons: d.reasons.trim() } : {}) })) } : {}),
      immediateEnforcement: immediate,
    });
  const textLabel = outcome === 'approved-amended' ? t('meeting.amendedText') : outcome === 'returned' ? t('meeting.returnReasons') : t('meeting.decisionText');
  return (
    <form
      className="decision-form"
      aria-labelledby={id('h')}
      onSubmit={(e) => {
        e.preventDefault();
        void submit().catch(() => undefined);
      }}
    >
      <h4 id={id('h')}>{t('meeting.decide')}</h4>
      <MeetingProblem error={decide.error} context={context} />
      {!item.quorum.ok && <p className="alert warn">{t('meeting.noQuorumNote', { filled: item.quorum.filled, required: item.quorum.required })}</p>}
      <div className="field">
        <label htmlFor={id('outcome')}>{t('meeting.outcome')}</label>
        <select
          id={id('outcome')}
          value={outcome}
          onChange={(e) => {
            const o = e.target.value as Outcome;
            setOutcome(o);
            if (o === 'approved-amended' && !text) setText(item.proposal);
            if (o === 'decided-by-vote' && !rounds.length) setRounds([newRound()]);
          }}
        >
          {(Object.keys(OUTCOMES) as Outcome[]).map((o) => (
            <option key={o} value={o}>
              {t(OUTCOMES[o])}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={id('text')}>{textLabel}</label>
        <textarea id={id('text')} rows={3} required={outcome === 'approved-amended'} value={text} onChange={(e) => setText(e.target.value)} />
      </div>
      <fieldset>
        <legend>{t('meeting.counterProposals')}</legend>
        <p className="help">{t('meeting.counterHelp')}</p>
        {counters.map((c, i) => (
          <fieldset key={i} className="nested">
            <legend>{t('meeting.counterN', { n: i + 1 })}</legend>
            <div className="field">
              <label htmlFor={id(`c${i}-kind`)}>{t('meeting.counterKind')}</label>
              <select
                id={id(`c${i}-kind`)}
                value={c.kind}
                onChange={(e) => setCounters(counters.map((x, j) => (j === i ? { ...x, kind: e.target.value as CounterKind } : x)))}
              >
                {(Object.keys(COUNTER_KINDS) as CounterKind[]).map((k) => (
                  <option key={k} value={k}>
                    {t(COUNTER_KINDS[k])}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={id(`c${i}-text`)}>{t('meeting.counterText')}</label>
              <textarea
                id={id(`c${i}-text`)}
                rows={2}
                required
                value={c.text}
                onChange={(e) => setCounters(counters.map((x, j) => (j === i ? { ...x, text: e.target.value } : x)))}
              />
            </div>
            <PersonSelect
              id={id(`c${i}-by`)}
              label={t('meeting.proposedBy')}
              people={voters}
              value={c.proposedBy}
              required
              onChange={(v) => setCounters(counters.map((x, j) => (j === i ? { ...x, proposedBy: v } : x)))}
            />
            <PersonSelect
              id={id(`c${i}-second`)}
              label={t('meeting.secondedBy')}
              help={t('meeting.notSecondedHelp')}
              people={voters.filter((v) => v.username !== c.proposedBy)}
              value={c.secondedBy}
              onChange={(v) => setCounters(counters.map((x, j) => (j === i ? { ...x, secondedBy: v } : x)))}
            />
            <button type="button" className="danger" onClick={() => setCounters(counters.filter((_, j) => j !== i))}>
              {t('meeting.removeCounter', { n: i + 1 })}
            </button>
          </fieldset>
        ))}
        <button type="button" onClick={() => setCounters([...counters, { kind: 'amend', text: '', proposedBy: '', secondedBy: '' }])}>
          {t('meeting.addCounter')}
        </button>
      </fieldset>
      {outcome === 'decided-by-vote' && (
        <fieldset>
          <legend>{t('meeting.votes')}</legend>
          {rounds.map((r, ri) => {
            const result = countRound(r.ballots, meeting.chair);
            const setRound = (change: Partial<Round>) => setRounds(rounds.map((x, j) => (j === ri ? { ...x, ...change } : x)));
            return (
              <fieldset key={ri} className="nested">
                <legend>{t('meeting.roundN', { n: ri + 1 })}</legend>
                <div className="two-col">
                  {(['yes', 'no'] as const).map((which) => (
                    <div className="field" key={which}>
                      <label htmlFor={id(`r${ri}-${which}`)}>{which === 'yes' ? t('meeting.yesSide') : t('meeting.noSide')}</label>
                      <select id={id(`r${ri}-${which}`)} value={r[which]} onChange={(e) => setRound({ [which]: e.target.value })}>
                        {sides.map((s) => (
                          <option key={s} value={s}>
                            {sideLabel(s === 'base' ? 'base' : Number(s), counters, nameOf, t)}
                          </option>
                        ))}
                      </select>
                    </div>
                  ))}
                </div>
                {voters.map((v) => (
                  <fieldset key={v.username} className="ballot-row">
                    <legend>{v.displayName}</legend>
                    {(Object.keys(BALLOTS) as Ballot[]).map((b) => (
                      <span className="checkbox inline" key={b}>
                        <input
                          type="radio"
                          id={id(`r${ri}-${v.username}-${b}`)}
                          name={id(`r${ri}-${v.username}`)}
                          checked={r.ballots[v.username] === b}
                          onChange={() => setRound({ ballots: { ...r.ballots, [v.username]: b } })}
                        />
                        <label htmlFor={id(`r${ri}-${v.username}-${b}`)}>{t(BALLOTS[b])}</label>
                      </span>
                    ))}
                  </fieldset>
                ))}
                <p role="status" className="vote-result">
                  {t('meeting.roundCount', { yes: result.yes, no: result.no, blank: result.blank, absent: result.absent })}{' '}
                  <strong>
                    {result.winner === 'tie'
                      ? t('meeting.roundTie')
                      : t('meeting.roundWinner', { side: sideLabel(result.winner === 'yes' ? side(r.yes) : side(r.no), counters, nameOf, t) })}
                  </strong>
                </p>
              </fieldset>
            );
          })}
          <div className="actions">
            <button type="button" onClick={() => setRounds([...rounds, newRound()])}>
              {t('meeting.addRound')}
            </button>
            {rounds.length > 0 && (
              <button type="button" className="danger" onClick={() => setRounds(rounds.slice(0, -1))}>
                {t('meeting.removeRound')}
              </button>
            )}
          </div>
        </fieldset>
      )}
      <fieldset>
        <legend>{t('meeting.dissents')}</legend>
        {dissents.map((d, i) => (
          <div key={i} className="kv-row">
            <PersonSelect
              id={id(`d${i}-who`)}
              label={t('meeting.person')}
              people={voters}
              value={d.username}
              required
              onChange={(v) => setDissents(dissents.map((x, j) => (j === i ? { ...x, username: v } : x)))}
            />
            <div className="field">
              <label htmlFor={id(`d${i}-why`)}>{t('meeting.dissentReasons')}</label>
              <textarea
                id={id(`d${i}-why`)}
                rows={2}
                value={d.reasons}
                onChange={(e) => setDissents(dissents.map((x, j) => (j === i ? { ...x, reasons: e.target.value } : x)))}
              />
            </div>
            <button type="button" className="danger" onClick={() => setDissents(dissents.filter((_, j) => j !== i))}>
              {t('meeting.removeDissent')}
            </button>
          </div>
        ))}
        <button type="button" onClick={() => setDissents([...dissents, { username: '', reasons: '' }])}>
          {t('meeting.addDissent')}
        </button>
      </fieldset>
      <div className="field checkbox">
        <input id={id('immediate')} type="checkbox" checked={immediate} onChange={(e) => setImmediate(e.target.checked)} />
        <label htmlFor={id('immediate')}>{t('meeting.immediateEnforcement')}</label>
      </div>
      <button type="submit" className="primary" disabled={decide.isPending}>
        {t('meeting.recordDecision')}
      </button>
    </form>
  );
}

/** A decided item as the minutes record it, with its printable extract and PDF. */
function DecisionView({ meeting, item, nameOf }: { meeting: Meeting; item: MeetingItem; nameOf: NameOf }) {
  const { t } = useI18n();
  const h = useHelsinki();
  const [error, setError] = useState<unknown>(null);
  // The presenter's proposal is one of the item's proposals (kind base); votes name proposals by id.
  const counters = item.proposals.filter((p) => p.kind !== 'base');
  const proposalName = (ref: string): string => {
    const p: Proposal | undefined = item.proposals.find((x) => x.id === ref);
    if (!p) return ref;
    if (p.kind === 'base') return t('meeting.baseProposal');
    return t('meeting.counterLabel', { n: counters.indexOf(p) + 1, name: nameOf(p.proposedBy), kind: counterKindText(p.kind, t) });
  };
  const open = (format: 'html' | 'pdf') => {
    setError(null);
    api.extract(meeting.id, item.id, format).then(
      (blob) => {
        const url = URL.createObjectURL(blob);
        if (format === 'html') window.open(url, '_blank', 'noopener');
        else {
          const a = document.createElement('a');
          a.href = url;
          a.download = `${(item.sectionLabel ?? `item-${item.position}`).replace(/[^\p{L}\p{N}]+/gu, '-')}.pdf`;
          a.click();
        }
        setTimeout(() => URL.revokeObjectURL(url), 60_000);
      },
      (e: unknown) => setError(e),
    );
  };
  return (
    <div className="decision">
      <h4>{t('meeting.decision')}</h4>
      <p>
        <span className="badge ok">{outcomeText(item.outcome, t)}</span> {item.decidedAt && <span className="muted">{h.when(item.decidedAt)}</span>}
      </p>
      {item.decisionText && <p className="pre-line">{item.decisionText}</p>}
      {counters.length > 0 && (
        <>
          <h5>{t('meeting.counterProposals')}</h5>
          <ul>
            {counters.map((p) => (
              <li key={p.id}>
                {proposalName(p.id)}: {p.text} – {p.secondedBy ? t('meeting.secondedByName', { name: nameOf(p.secondedBy) }) : <em>{t('meeting.lapsed')}</em>}
              </li>
            ))}
          </ul>
        </>
      )}
      {item.votes.map((round) => (
        <div key={round.round} className="table-wrap">
          <table>
            <caption>
              {t('meeting.roundN', { n: round.round })}: {t('meeting.yesSide')} = {proposalName(round.yes)}, {t('meeting.noSide')} = {proposalName(round.no)}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('meeting.person')}</th>
                <th scope="col">{t('meeting.ballot')}</th>
              </tr>
            </thead>
            <tbody>
              {Object.entries(round.ballots).map(([u, b]) => (
                <tr key={u}>
                  <th scope="row">{nameOf(u)}</th>
                  <td>{ballotText(b, t)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p>
            {t('meeting.roundCount', { ...round.counts })} <strong>{t('meeting.roundWinner', { side: proposalName(round.winner) })}</strong>
            {round.decidedBy && (
              <span className="muted">
                {' '}
                ({round.decidedBy === 'chair' ? t('meeting.byChair') : round.decidedBy === 'lot' ? t('meeting.byLot') : t('meeting.byMajority')})
              </span>
            )}
          </p>
        </div>
      ))}
      {item.dissents.length > 0 && (
        <>
          <h5>{t('meeting.dissents')}</h5>
          <ul>
            {item.dissents.map((d) => (
              <li key={d.username}>
                {nameOf(d.username)}
                {d.reasons ? `: ${d.reasons}` : ''}
              </li>
            ))}
          </ul>
        </>
      )}
      {item.immediateEnforcement && <p className="badge warn">{t('meeting.immediateEnforcementOn')}</p>}
      {item.sectionLabel && (
        <div className="actions">
          <button type="button" onClick={() => open('html')}>
            {t('meeting.extractHtml', { section: item.sectionLabel })}
          </button>
          <button type="button" onClick={() => open('pdf')}>
            {t('meeting.extractPdf', { section: item.sectionLabel })}
          </button>
        </div>
      )}
      <ErrorMessage error={error} />
    </div>
  );
}

/** In the electronic procedure a member votes on the proposal within the window: for, against or blank. */
function BallotForm({ meeting, item, context }: { meeting: Meeting; item: MeetingItem; context: RefusalContext }) {
  const { t } = useI18n();
  const h = useHelsinki();
  const { me } = useSession();
  const cast = useApiMutation((b: 'yes' | 'no' | 'blank') => api.ballot(meeting.id, item.id, b), CHANGES.meeting);
  const mine = item.ballots.find((b) => b.username === me?.username)?.ballot;
  const [choice, setChoice] = useState<'yes' | 'no' | 'blank' | ''>(mine === 'yes' || mine === 'no' || mine === 'blank' ? mine : '');
  // The server's clock says whether the window is open (may.vote), not the browser's.
  const open = meeting.may.vote;
  const id = (part: string) => `ballot-${item.id}-${part}`;
  return (
    <form
      className="ballot"
      onSubmit={(e) => {
        e.preventDefault();
        if (choice) cast.mutate(choice);
      }}
    >
      <fieldset>
        <legend>{t('meeting.yourBallot')}</legend>
        <p className="help">
          {open
            ? t('meeting.windowOpenUntil', { when: h.when(meeting.endsAt) })
            : t('meeting.windowClosed', { opens: h.when(meeting.startsAt), closes: h.when(meeting.endsAt) })}
        </p>
        {(['yes', 'no', 'blank'] as const).map((b) => (
          <span className="checkbox inline" key={b}>
            <input type="radio" id={id(b)} name={id('choice')} checked={choice === b} disabled={!open} onChange={() => setChoice(b)} />
            <label htmlFor={id(b)}>{t(b === 'yes' ? 'meeting.ballotFor' : b === 'no' ? 'meeting.ballotAgainst' : 'meeting.ballot.blank')}</label>
          </span>
        ))}
      </fieldset>
      <MeetingProblem error={cast.error} context={context} />
      {cast.isSuccess && <Notice>{t('meeting.ballotCast')}</Notice>}
      {mine && !cast.isSuccess && (
        <p className="muted">
          {t('meeting.ballotRecorded', { ballot: t(mine === 'yes' ? 'meeting.ballotFor' : mine === 'no' ? 'meeting.ballotAgainst' : 'meeting.ballot.blank') })}
        </p>
      )}
      <button type="submit" className="primary" disabled={!open || !choice || cast.isPending}>
        {t('meeting.castBallot')}
      </button>
    </form>
  );
}
