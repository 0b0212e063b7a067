import { meetingRefusal } from './meeting-refusal.js';

/**
 * The minutes (pöytäkirja) of a meeting, from draft to publication. The chair and the secretary
 * sign; then each minutes checker chosen at the meeting confirms them. Checked minutes are not
 * edited: a correction is a new decision. Only checked minutes are published.
 */
export type MinutesStatus = 'draft' | 'signed' | 'checked' | 'published';

export interface MinutesState {
  status: MinutesStatus;
  chair: string;
  secretary: string;
  /** The checkers chosen at the meeting; the standing orders say how many. */
  checkers: readonly string[];
  signedBy: readonly string[];
  checkedBy: readonly string[];
  publishedAt: Date | null;
}

export function draftMinutes(chair: string, secretary: string, checkers: readonly string[], checkersRequired: number): MinutesState {
  const distinct = new Set(checkers);
  if (distinct.size !== checkers.length || checkers.length !== checkersRequired || checkers.includes(chair) || checkers.includes(secretary)) {
    throw meetingRefusal(
      'not-a-minutes-checker',
      `The meeting chooses ${checkersRequired} different minutes checkers, neither the chair nor the secretary`,
      { required: checkersRequired, chosen: checkers.length, rule: 'standing-orders.minutesCheckers' },
      'BAD_INPUT',
    );
  }
  return { status: 'draft', chair, secretary, checkers, signedBy: [], checkedBy: [], publishedAt: null };
}

/** Refuses any change to checked (or published) minutes: a correction is a new decision. */
export function assertEditable(state: MinutesState): void {
  if (state.status === 'checked' || state.status === 'published') {
    throw meetingRefusal('minutes-checked', 'The minutes are checked and cannot be edited; a correction is a new decision', { status: state.status });
  }
}

export function signMinutes(state: MinutesState, person: string): MinutesState {
  if (state.status !== 'draft') throw meetingRefusal('minutes-order', `Minutes are signed while in draft, these are ${state.status}`, { status: state.status });
  if (person !== state.chair && person !== state.secretary)
    throw meetingRefusal('minutes-order', 'Only the chair and the secretary sign the minutes', { person });
  if (state.signedBy.includes(person)) throw meetingRefusal('already-signed', `${person} has already signed`, { person });
  const signedBy = [...state.signedBy, person];
  const both = signedBy.includes(state.chair) && signedBy.includes(state.secretary);
  return { ...state, signedBy, status: both ? (state.checkers.length === 0 ? 'checked' : 'signed') : 'draft' };
}

export function checkMinutes(state: MinutesState, person: string): MinutesState {
  if (state.status !== 'signed')
    throw meetingRefusal('minutes-order', `Minutes are checked after the chair and the secretary sign, these are ${state.status}`, { status: state.status });
  if (!state.checkers.includes(person)) throw meetingRefusal('not-a-minutes-checker', `${person} was not chosen to check these minutes`, { person });
  if (state.checkedBy.includes(person)) throw meetingRefusal('already-signed', `${person} has already checked`, { person });
  const checkedBy = [...state.checkedBy, person];
  return { ...state, checkedBy, status: state.checkers.every((c) => checkedBy.includes(c)) ? 'checked' : 'signed' };
}

export function publishMinutes(state: MinutesState, at: Date): MinutesState {
  if (state.status !== 'checked')
    throw meetingRefusal('minutes-order', `Only checked minutes are published, these are ${state.status}`, { status: state.status });
  return { ...state, status: 'published', publishedAt: at };
}
