import { countRound, helsinkiFormat, helsinkiToIso, isoToHelsinki, presentAt, votersAt } from './meeting-helpers';
import type { Attendee } from './meeting-types';

const person = (username: string, role: Attendee['role'], presentAtStart = true, movements: Attendee['movements'] = []): Attendee => ({
  username,
  displayName: username,
  role,
  standsInFor: null,
  presentAtStart,
  movements,
});

describe('meeting times in Europe/Helsinki', () => {
  it('reads a date-time input as Helsinki time in summer (UTC+3) and in winter (UTC+2)', () => {
    expect(helsinkiToIso('2023-06-22T10:00')).toBe('2023-06-22T07:00:00.000Z');
    expect(helsinkiToIso('2026-12-10T16:30')).toBe('2026-12-10T14:30:00.000Z');
    expect(helsinkiToIso('not a time')).toBe('');
  });

  it('gives an instant back as the input shows it, and formats days without shifting them', () => {
    expect(isoToHelsinki('2023-06-22T07:00:00.000Z')).toBe('2023-06-22T10:00');
    expect(isoToHelsinki('2026-03-29T01:30:00.000Z')).toBe('2026-03-29T04:30');
    expect(helsinkiFormat('fi').day('2023-06-18')).toBe('18.6.2023');
    expect(helsinkiFormat('fi').when('2023-06-21T21:30:00Z')).toBe('22.6.2023 klo 00.30');
  });
});

describe('presence and votes at an item', () => {
  it('follows arrivals and departures recorded before an item', () => {
    const late = person('late', 'member', false, [{ kind: 'arrived', beforeItem: 2 }]);
    const early = person('early', 'member', true, [{ kind: 'left', beforeItem: 3 }]);
    expect([1, 2, 3].map((p) => presentAt(late, p))).toEqual([false, true, true]);
    expect([1, 2, 3].map((p) => presentAt(early, p))).toEqual([true, true, false]);
  });

  it('lets present, non-recused members and substitutes vote, never the others', () => {
    const meeting = { attendees: [person('a', 'member'), person('b', 'member'), person('s', 'substitute'), person('x', 'other')] };
    expect(votersAt(meeting, { position: 1, recusals: [{ username: 'b', ground: 'apa-28-3-interest' }] }).map((a) => a.username)).toEqual(['a', 's']);
  });

  it('counts a round, blank and absent for neither side, and breaks a tie by the chair', () => {
    expect(countRound({ a: 'yes', b: 'no', c: 'yes', d: 'blank', e: 'absent' }, 'b')).toEqual({ yes: 2, no: 1, blank: 1, absent: 1, winner: 'yes' });
    expect(countRound({ a: 'yes', b: 'no' }, 'b').winner).toBe('no');
    expect(countRound({ a: 'yes', b: 'no', c: 'blank' }, 'c').winner).toBe('tie');
  });
});
