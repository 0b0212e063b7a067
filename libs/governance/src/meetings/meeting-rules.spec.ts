import { readFileSync } from 'node:fs';
import path from 'node:path';
import { WorkingDayCalendar } from '@kaari/common/working-days.js';
import { DomainError } from '@kaari/common/errors.js';
import { appealClock, COURT_APPEAL } from './appeal-clock.js';
import { assertRecusal, presentAt, type Attendee } from './attendance.js';
import { assertInvitationInTime, latestInvitationDate } from './invitation.js';
import { taskEffect, TASK_OF_FORM } from './item-outcome.js';
import { checkMinutes, draftMinutes, publishMinutes, signMinutes, assertEditable } from './minutes.js';
import { assertQuorum, checkQuorum, seatsRequired } from './quorum.js';
import { RECUSAL_GROUNDS } from './recusal-grounds.js';
import { assignSections } from './sections.js';
import { DEFAULT_STANDING_ORDERS, standingOrdersFrom } from './standing-orders.js';
import { computeVote, type Proposal } from './vote.js';

/** The refusal's rule code, or null when `fn` does not throw. */
function refusal(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    return e.problems[0]?.code ?? e.code;
  }
}

const board = ['m1', 'm2', 'm3', 'm4', 'm5'];
const member = (id: string, extra: Partial<Attendee> = {}): Attendee => ({ personId: id, role: 'member', presentAtStart: true, ...extra });

describe('Quorum, item by item', () => {
  it('needs more than half of the members, or two thirds for a council', () => {
    expect([seatsRequired('more-than-half', 5), seatsRequired('more-than-half', 6), seatsRequired('more-than-half', 11)]).toEqual([3, 4, 6]);
    expect([seatsRequired('two-thirds', 67), seatsRequired('two-thirds', 9)]).toEqual([45, 6]);
  });

  it('is lost when a recusal leaves half of the seats filled, and the refusal says why', () => {
    const attendees = [member('m1'), member('m2'), member('m3')];
    expect(checkQuorum({ rule: 'more-than-half', members: board, attendees, recusals: [], item: 1 }).quorate).toBe(true);
    const check = checkQuorum({ rule: 'more-than-half', members: board, attendees, recusals: [{ personId: 'm2', ground: 'apa-28-3-interest' }], item: 1 });
    expect(check).toMatchObject({ present: 2, required: 3, seats: 5, quorate: false });
    let error: DomainError | undefined;
    try {
      assertQuorum(check);
    } catch (e) {
      error = e as DomainError;
    }
    expect(error?.code).toBe('CONFLICT');
    expect(error?.problems[0]).toMatchObject({ code: 'no-quorum', params: { item: 1, present: 2, required: 3, seats: 5 } });
  });

  it('counts a substitute in the seat of the member they stand in for, once', () => {
    const sub = (id: string, forMember: string): Attendee => ({ personId: id, role: 'substitute', standsInFor: forMember, presentAtStart: true });
    const check = checkQuorum({
      rule: 'more-than-half',
      members: board,
      attendees: [member('m1'), sub('s2', 'm2'), sub('s2b', 'm2'), member('m3'), { personId: 'expert', role: 'other', presentAtStart: true }],
      recusals: [],
      item: 1,
    });
    expect(check.present).toBe(3);
    expect(check.filled.get('m2')).toBe('s2');
    // The member present themself fills their seat; their substitute adds nothing.
    expect(
      checkQuorum({ rule: 'more-than-half', members: board, attendees: [member('m1'), member('m2'), sub('s2', 'm2')], recusals: [], item: 1 }).present,
    ).toBe(2);
  });

  it('follows arrivals and departures before each item', () => {
    const late = member('m4', {
      presentAtStart: false,
      movements: [
        { beforeItem: 3, kind: 'arrived' },
        { beforeItem: 5, kind: 'left' },
      ],
    });
    expect([1, 2, 3, 4, 5].map((item) => presentAt(late, item))).toEqual([false, false, true, true, false]);
    const attendees = [member('m1'), member('m2'), late];
    expect(checkQuorum({ rule: 'more-than-half', members: board, attendees, recusals: [], item: 2 }).quorate).toBe(false);
    expect(checkQuorum({ rule: 'more-than-half', members: board, attendees, recusals: [], item: 3 }).quorate).toBe(true);
  });

  it('accepts a recusal only with a ground from the Administrative Procedure Act 28 § list, each labelled in three languages', () => {
    expect(refusal(() => assertRecusal({ personId: 'm1', ground: 'apa-28-3-interest' }))).toBeNull();
    expect(refusal(() => assertRecusal({ personId: 'm1', ground: 'feels-like-it' }))).toBe('unknown-recusal-ground');
    for (const g of RECUSAL_GROUNDS) expect([g.fi, g.sv, g.en].every((t) => t.length > 10)).toBe(true);
    expect(RECUSAL_GROUNDS.filter((g) => g.code.startsWith('apa-28-'))).toHaveLength(7);
  });
});

describe('A vote', () => {
  const base: Proposal = { id: 'base', kind: 'base', text: 'Kaupunginhallitus päättää asettaa muutoshankkeen.', proposedBy: null, secondedBy: null };
  const amend: Proposal = { id: 'p1', kind: 'amend', text: 'Asetetaan hanke ajalle 22.6.2023–31.12.2024.', proposedBy: 'm2', secondedBy: 'm3' };
  const ret: Proposal = { id: 'p2', kind: 'return', text: 'Asia palautetaan uudelleen valmisteltavaksi.', proposedBy: 'm4', secondedBy: 'm5' };
  const voters = board;

  it('adopts the proposal with more yes/no votes; blank and absent count for neither', () => {
    const result = computeVote({
      kind: 'decision',
      proposals: [base, amend],
      voters,
      recused: [],
      chair: 'm1',
      rounds: [{ yes: 'base', no: 'p1', ballots: { m1: 'yes', m2: 'no', m3: 'no', m4: 'blank' } }],
    });
    expect(result.winner.id).toBe('p1');
    expect(result.rounds[0]).toMatchObject({ counts: { yes: 1, no: 2, blank: 1, absent: 1 }, decidedBy: 'majority' });
    expect(result.rounds[0].ballots.m5).toBe('absent');
    expect(taskEffect(TASK_OF_FORM['kaari:council-decision'], 'decided-by-vote', result.winner.kind)).toEqual({
      completes: true,
      variables: { decisionOutcome: 'amended' },
    });
  });

  it('on a tie goes with the chair, and in an election with the lot', () => {
    const rounds = [{ yes: 'base', no: 'p1', ballots: { m1: 'no', m2: 'no', m3: 'yes', m4: 'yes', m5: 'blank' } as const }];
    expect(computeVote({ kind: 'decision', proposals: [base, amend], voters, recused: [], chair: 'm1', rounds }).rounds[0]).toMatchObject({
      winner: 'p1',
      decidedBy: 'chair',
    });
    expect(refusal(() => computeVote({ kind: 'election', proposals: [base, amend], voters, recused: [], chair: 'm1', rounds }))).toBe('lot-required');
    expect(
      computeVote({ kind: 'election', proposals: [base, amend], voters, recused: [], chair: 'm1', rounds: [{ ...rounds[0], lotWinner: 'base' }] }).winner.id,
    ).toBe('base');
    expect(refusal(() => computeVote({ kind: 'decision', proposals: [base, amend], voters, recused: [], chair: 'm5', rounds }))).toBe('tie-without-chair-vote');
  });

  it('runs rounds in order: the winner of one against the next counter-proposal', () => {
    const result = computeVote({
      kind: 'decision',
      proposals: [base, amend, ret],
      voters,
      recused: [],
      chair: 'm1',
      rounds: [
        { yes: 'base', no: 'p1', ballots: { m1: 'yes', m2: 'no', m3: 'no', m4: 'no', m5: 'yes' } },
        { yes: 'p1', no: 'p2', ballots: { m1: 'yes', m2: 'yes', m3: 'yes', m4: 'no', m5: 'no' } },
      ],
    });
    expect(result.winner.id).toBe('p1');
    expect(
      refusal(() =>
        computeVote({
          kind: 'decision',
          proposals: [base, amend, ret],
          voters,
          recused: [],
          chair: 'm1',
          rounds: [
            { yes: 'base', no: 'p1', ballots: { m1: 'no', m2: 'no' } },
            { yes: 'base', no: 'p2', ballots: {} },
          ],
        }),
      ),
    ).toBe('vote-order');
  });

  it('refuses a ballot from a recused member, from someone filling no seat, and a vote on an unseconded counter-proposal', () => {
    expect(
      refusal(() =>
        computeVote({
          kind: 'decision',
          proposals: [base, amend],
          voters: ['m1', 'm3', 'm4'],
          recused: ['m2'],
          chair: 'm1',
          rounds: [{ yes: 'base', no: 'p1', ballots: { m2: 'no' } }],
        }),
      ),
    ).toBe('recused-member-voting');
    expect(
      refusal(() =>
        computeVote({
          kind: 'decision',
          proposals: [base, amend],
          voters,
          recused: [],
          chair: 'm1',
          rounds: [{ yes: 'base', no: 'p1', ballots: { visitor: 'no' } }],
        }),
      ),
    ).toBe('not-a-voter');
    expect(
      refusal(() =>
        computeVote({
          kind: 'decision',
          proposals: [base, { ...amend, secondedBy: null }],
          voters,
          recused: [],
          chair: 'm1',
          rounds: [{ yes: 'base', no: 'p1', ballots: {} }],
        }),
      ),
    ).toBe('counter-proposal-not-seconded');
  });
});

describe('Item outcomes and the BPMN task', () => {
  const decision = TASK_OF_FORM['kaari:council-decision']!;
  const review = TASK_OF_FORM['kaari:steering-review']!;

  it('complete the city board decision with the decisionOutcome its diagram branches on', () => {
    expect((['approved-as-proposed', 'approved-amended', 'rejected', 'returned', 'tabled'] as const).map((o) => taskEffect(decision, o))).toEqual(
      ['approved', 'amended', 'rejected', 'returned', 'tabled'].map((v) => ({ completes: true, variables: { decisionOutcome: v } })),
    );
    expect(taskEffect(decision, 'decided-by-vote', 'return')).toEqual({ completes: true, variables: { decisionOutcome: 'returned' } });
  });

  it('complete the steering review with approved or returned; tabled or removed leave the matter waiting', () => {
    expect(taskEffect(review, 'approved-amended')).toEqual({ completes: true, variables: { reviewOutcome: 'approved' } });
    expect(taskEffect(review, 'returned')).toEqual({ completes: true, variables: { reviewOutcome: 'returned' } });
    expect(taskEffect(review, 'tabled')).toEqual({ completes: false, backToWaitingList: true });
    expect(taskEffect(decision, 'removed')).toEqual({ completes: false, backToWaitingList: true });
    expect(refusal(() => taskEffect(review, 'rejected'))).toBe('outcome-not-for-task');
  });

  it('do not settle a matter by noting it; information items are noted', () => {
    expect(refusal(() => taskEffect(decision, 'noted'))).toBe('outcome-not-for-task');
    expect(taskEffect(null, 'noted')).toEqual({ completes: false, backToWaitingList: false });
    expect(refusal(() => taskEffect(null, 'approved-as-proposed'))).toBe('outcome-not-for-task');
  });
});

describe('The invitation', () => {
  it('goes out at least the standing orders’ days before the meeting, counted in Finnish calendar days', () => {
    const meeting = new Date('2023-06-22T09:00:00Z'); // Thursday 22 June 2023, 12.00 in Turku
    expect(latestInvitationDate(meeting, 4)).toBe('2023-06-18');
    expect(refusal(() => assertInvitationInTime(new Date('2023-06-18T20:59:00Z'), meeting, 4))).toBeNull(); // 23.59 on Sunday in Finland
    let error: DomainError | undefined;
    try {
      assertInvitationInTime(new Date('2023-06-18T21:00:00Z'), meeting, 4); // already Monday in Finland
    } catch (e) {
      error = e as DomainError;
    }
    expect(error?.problems[0]).toMatchObject({
      code: 'invitation-late',
      params: { rule: 'standing-orders.invitationDays', invitationDays: 4, latest: '2023-06-18', sent: '2023-06-19' },
    });
  });

  it('follows the body’s standing orders, with the defaults where the seed sets nothing', () => {
    expect(standingOrdersFrom(undefined)).toEqual(DEFAULT_STANDING_ORDERS);
    expect(standingOrdersFrom({ invitationDays: 7, quorum: 'two-thirds', minutesCheckers: 'two' })).toEqual({
      ...DEFAULT_STANDING_ORDERS,
      invitationDays: 7,
      quorum: 'two-thirds',
    });
  });

  it('are set in the Turku seed for the bodies that meet, every field valid', () => {
    const seed = JSON.parse(readFileSync(path.join(process.cwd(), 'processes/organisations/turku-2023.json'), 'utf8')) as {
      bodies: Array<{ code: string; standingOrders?: unknown }>;
    };
    const set = seed.bodies.filter((b) => b.standingOrders);
    expect(set.map((b) => b.code)).toEqual(expect.arrayContaining(['kaupunginhallitus', 'hyvinvoinnin-johtoryhma']));
    for (const b of set) expect(standingOrdersFrom(b.standingOrders)).toEqual(b.standingOrders);
    expect(standingOrdersFrom(set.find((b) => b.code === 'kaupunginhallitus')!.standingOrders)).toEqual({
      invitationDays: 4,
      quorum: 'more-than-half',
      minutesCheckers: 2,
      electronicProcedure: false,
    });
  });
});

describe('The appeal clock', () => {
  const calendar = new WorkingDayCalendar();

  it('deems notice received 7 days after publication, then runs 14 days for a request for review', () => {
    const clock = appealClock(new Date('2023-06-26T10:00:00Z'), calendar);
    expect(clock.informedAt.toISOString()).toBe('2023-07-03T10:00:00.000Z');
    expect(clock.endsAt.toISOString()).toBe('2023-07-17T10:00:00.000Z');
  });

  it('moves a period that ends on a holiday or weekend to the next working day', () => {
    // Published Friday 10 December 2027: informed Friday 17 December; 14 days later is Friday 31 December (New Year's Eve), then a holiday and a weekend.
    const clock = appealClock(new Date('2027-12-10T10:00:00Z'), calendar);
    expect(clock.informedAt.toISOString()).toBe('2027-12-17T10:00:00.000Z');
    expect(clock.endsAt.toISOString()).toBe('2028-01-03T10:00:00.000Z');
  });

  it('gives 30 days for the appeal to the administrative court against the decision on a review', () => {
    const clock = appealClock(new Date('2026-03-02T10:00:00Z'), calendar, COURT_APPEAL);
    expect(clock.endsAt.toISOString()).toBe('2026-04-08T10:00:00.000Z');
  });
});

describe('§ numbers and minutes', () => {
  it('number the items in agenda order, continuing the body’s series for the year', () => {
    const items = assignSections(
      [
        { position: 2, id: 'b' },
        { position: 1, id: 'a' },
        { position: 3, id: 'c' },
      ],
      271,
    );
    expect(items.map((i) => [i.id, i.section])).toEqual([
      ['a', 272],
      ['b', 273],
      ['c', 274],
    ]);
  });

  it('are signed by the chair and the secretary, checked by both chosen checkers, then published, and never edited once checked', () => {
    expect(refusal(() => draftMinutes('chair', 'secretary', ['m2'], 2))).toBe('not-a-minutes-checker');
    expect(refusal(() => draftMinutes('chair', 'secretary', ['chair', 'm2'], 2))).toBe('not-a-minutes-checker');
    let m = draftMinutes('chair', 'secretary', ['m2', 'm3'], 2);
    expect(refusal(() => checkMinutes(m, 'm2'))).toBe('minutes-order');
    expect(refusal(() => signMinutes(m, 'm2'))).toBe('minutes-order');
    m = signMinutes(m, 'chair');
    expect(m.status).toBe('draft');
    expect(refusal(() => signMinutes(m, 'chair'))).toBe('already-signed');
    m = signMinutes(m, 'secretary');
    expect(m.status).toBe('signed');
    expect(refusal(() => publishMinutes(m, new Date()))).toBe('minutes-order');
    expect(refusal(() => checkMinutes(m, 'm4'))).toBe('not-a-minutes-checker');
    m = checkMinutes(m, 'm2');
    expect(refusal(() => assertEditable(m))).toBeNull();
    m = checkMinutes(m, 'm3');
    expect(m.status).toBe('checked');
    expect(refusal(() => assertEditable(m))).toBe('minutes-checked');
    m = publishMinutes(m, new Date('2023-06-26T10:00:00Z'));
    expect(m.status).toBe('published');
    expect(refusal(() => assertEditable(m))).toBe('minutes-checked');
  });
});
