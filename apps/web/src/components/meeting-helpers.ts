/**
 * Pure helpers of the meeting pages: times in Europe/Helsinki whatever the browser's zone,
 * who is present at an item, and a vote round's count as the minutes record it.
 */
import type { Attendee, Ballot, Meeting, MeetingItem } from './meeting-types';

export const ZONE = 'Europe/Helsinki';

const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

/** The wall-clock time in Helsinki at an instant, as its fields. */
function helsinkiFields(instant: number): { year: number; month: number; day: number; hour: number; minute: number } {
  const get = (type: string) => Number(parts.formatToParts(new Date(instant)).find((p) => p.type === type)?.value ?? 0);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute') };
}

/** How far Helsinki's wall clock is ahead of UTC at an instant, in milliseconds. */
function offsetAt(instant: number): number {
  const f = helsinkiFields(instant);
  return Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute) - Math.floor(instant / 60_000) * 60_000;
}

/** A date-time input's value (`2026-06-22T10:00`), read as Helsinki time, as an ISO instant; '' when unreadable. */
export function helsinkiToIso(local: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) return '';
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  // The offset at the guess, once more at the corrected instant (the day summer time starts or ends).
  let instant = wall - offsetAt(wall);
  instant = wall - offsetAt(instant);
  return new Date(instant).toISOString();
}

/** An ISO instant as a date-time input's value in Helsinki time. */
export function isoToHelsinki(iso: string): string {
  const f = helsinkiFields(new Date(iso).getTime());
  const two = (n: number) => String(n).padStart(2, '0');
  return `${f.year}-${two(f.month)}-${two(f.day)}T${two(f.hour)}:${two(f.minute)}`;
}

const LOCALES = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' } as const;

/** Formats instants and calendar days for the language, in Helsinki time. */
export function helsinkiFormat(language: keyof typeof LOCALES) {
  const dateTime = new Intl.DateTimeFormat(LOCALES[language], {
    timeZone: ZONE,
    day: 'numeric',
    month: 'numeric',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
  const dateOnly = new Intl.DateTimeFormat(LOCALES[language], { timeZone: ZONE, day: 'numeric', month: 'numeric', year: 'numeric' });
  const weekday = new Intl.DateTimeFormat(LOCALES[language], { timeZone: ZONE, weekday: 'long', day: 'numeric', month: 'numeric', year: 'numeric' });
  const read = (value: string) => (/^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(value));
  const safe = (f: Intl.DateTimeFormat) => (value: string | null | undefined) => {
    if (!value) return '–';
    const d = read(value);
    return Number.isNaN(d.getTime()) ? value : f.format(d);
  };
  return { when: safe(dateTime), day: safe(dateOnly), longDay: safe(weekday) };
}

/** Whether an attendee is present when the item at `position` is handled: at the start, then as they arrive and leave before items. */
export function presentAt(attendee: Attendee, position: number): boolean {
  let present = attendee.presentAtStart;
  const moves = [...attendee.movements].filter((m) => m.beforeItem <= position).sort((a, b) => a.beforeItem - b.beforeItem);
  for (const m of moves) present = m.kind === 'arrived';
  return present;
}

/** The people who fill a seat at an item and may vote on it: present members and substitutes, not recused. */
export function votersAt(meeting: Pick<Meeting, 'attendees'>, item: Pick<MeetingItem, 'position' | 'recusals'>): Attendee[] {
  const recused = new Set(item.recusals.map((r) => r.username));
  return meeting.attendees.filter((a) => a.role !== 'other' && presentAt(a, item.position) && !recused.has(a.username));
}

/** A round's count and its winner by the Local Government Act's rule: more yes or no; on a tie the side the chair took. */
export function countRound(
  ballots: Record<string, Ballot>,
  chair: string | null,
): { yes: number; no: number; blank: number; absent: number; winner: 'yes' | 'no' | 'tie' } {
  const counts = { yes: 0, no: 0, blank: 0, absent: 0 };
  for (const b of Object.values(ballots)) counts[b]++;
  let winner: 'yes' | 'no' | 'tie' = counts.yes > counts.no ? 'yes' : counts.no > counts.yes ? 'no' : 'tie';
  if (winner === 'tie' && chair && (ballots[chair] === 'yes' || ballots[chair] === 'no')) winner = ballots[chair];
  return { ...counts, winner };
}
