import { meetingRefusal } from './meeting-refusal.js';

const HELSINKI_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Helsinki', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar date in Finland at `at`, `YYYY-MM-DD`. */
export const finnishDate = (at: Date): string => HELSINKI_DATE.format(at);

const minusDays = (date: string, days: number): string => {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
};

/**
 * The last day the invitation may go out: "at least N days before" counts whole calendar days in
 * Finland, so for a meeting on Thursday 22 June and four days, Sunday 18 June is the last day.
 */
export const latestInvitationDate = (meetingStartsAt: Date, invitationDays: number): string => minusDays(finnishDate(meetingStartsAt), invitationDays);

/** Refuses an invitation sent later than the body's standing orders allow, naming the rule and the last day. */
export function assertInvitationInTime(sentAt: Date, meetingStartsAt: Date, invitationDays: number): void {
  const latest = latestInvitationDate(meetingStartsAt, invitationDays);
  const sent = finnishDate(sentAt);
  if (sent > latest) {
    throw meetingRefusal(
      'invitation-late',
      `The standing orders require the invitation at least ${invitationDays} days before the meeting: the last day was ${latest}, it is ${sent}`,
      { rule: 'standing-orders.invitationDays', invitationDays, latest, sent, meeting: finnishDate(meetingStartsAt) },
    );
  }
}
