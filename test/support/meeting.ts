import type { Client, TestApi } from './api.js';

/** Who runs a body's meetings in the demo seed: its chair, its secretary, the seats and two minutes checkers. */
export interface BodyPeople {
  body: string;
  chair: string;
  secretary: string;
  seats: string[];
  checkers: string[];
}

export async function peopleOf(api: TestApi, body: string): Promise<BodyPeople> {
  const res = await api.admin.get(`/api/bodies/${body}`);
  const members = res.body.members as Array<{ username: string; role: string }>;
  const seats = members.filter((m) => ['chair', 'vice-chair', 'member'].includes(m.role)).map((m) => m.username);
  const chair = members.find((m) => m.role === 'chair')?.username ?? seats[0];
  const secretary = members.find((m) => m.role === 'secretary')?.username ?? chair;
  return { body, chair, secretary, seats, checkers: seats.filter((s) => s !== chair && s !== secretary).slice(0, 2) };
}

/** A meeting of `body` a week from now, with the matters on its agenda in order, opened with every seat present. */
export async function openMeeting(
  api: TestApi,
  body: string,
  taskIds: string[],
  options: { startsAt?: Date; absent?: string[] } = {},
): Promise<{ people: BodyPeople; secretary: Client; chair: Client; meeting: any }> {
  const people = await peopleOf(api, body);
  const secretary = await api.as(people.secretary);
  const chair = people.chair === people.secretary ? secretary : await api.as(people.chair);
  const startsAt = options.startsAt ?? new Date(Date.now() + 7 * 86_400_000);
  const created = await secretary.post('/api/meetings', { body, kind: 'meeting', startsAt: startsAt.toISOString(), place: 'Kaupungintalo' });
  if (created.status !== 201) throw new Error(`creating a meeting of ${body}: ${created.status} ${JSON.stringify(created.body)}`);
  let meeting = created.body;
  for (const taskId of taskIds) {
    const added = await secretary.post(`/api/meetings/${meeting.id}/items`, { taskId, proposal: 'Esittelijän ehdotus: hyväksytään.', presenter: people.chair });
    if (added.status !== 201) throw new Error(`adding ${taskId}: ${added.status} ${JSON.stringify(added.body)}`);
    meeting = added.body;
  }
  const absent = new Set(options.absent ?? []);
  const attendees = [
    ...people.seats.map((username) => ({ username, role: 'member', presentAtStart: !absent.has(username) })),
    ...(people.seats.includes(people.secretary) ? [] : [{ username: people.secretary, role: 'other', presentAtStart: true }]),
  ];
  const opened = await secretary.put(`/api/meetings/${meeting.id}/attendance`, {
    chair: people.chair,
    secretary: people.secretary,
    minutesCheckers: people.checkers,
    attendees,
  });
  if (opened.status !== 200) throw new Error(`attendance: ${opened.status} ${JSON.stringify(opened.body)}`);
  return { people, secretary, chair, meeting: opened.body };
}

/** Whatever is left of: closing the meeting, the chair's and the secretary's signatures, the checks; then the minutes are published. */
export async function publishMinutes(api: TestApi, meetingId: string, people: BodyPeople): Promise<any> {
  const secretary = await api.as(people.secretary);
  const expectOk = (what: string, res: { status: number; body: unknown }) => {
    if (res.status !== 200) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const state = (await secretary.get(`/api/meetings/${meetingId}`)).body as { status: string; signatures: Array<{ username: string; role: string }> };
  const done = (who: string, checker: boolean) => state.signatures.some((s) => s.username === who && (s.role === 'checker') === checker);
  if (state.status === 'open') expectOk('close', await secretary.post(`/api/meetings/${meetingId}/close`));
  for (const who of new Set([people.chair, people.secretary])) {
    if (!done(who, false)) expectOk(`sign ${who}`, await (await api.as(who)).post(`/api/meetings/${meetingId}/minutes/signatures`));
  }
  for (const who of people.checkers)
    if (!done(who, true)) expectOk(`check ${who}`, await (await api.as(who)).post(`/api/meetings/${meetingId}/minutes/checks`));
  return expectOk('publish', await secretary.post(`/api/meetings/${meetingId}/minutes/publication`));
}

/**
 * The body decides the open meeting task of `activityId` at a meeting of its own: one item,
 * every seat present, the outcome as given; with `publish`, the minutes are published too.
 */
export async function decideAtMeeting(
  api: TestApi,
  viewer: Client,
  instanceId: string,
  activityId: string,
  decision: Record<string, unknown>,
  options: { publish?: boolean } = {},
): Promise<any> {
  const instance = await viewer.get(`/api/instances/${instanceId}`);
  const task = (instance.body.openTasks as Array<{ id: string; activityId: string; candidateBodies?: string[] }>).find((t) => t.activityId === activityId);
  if (!task) throw new Error(`no open ${activityId} in ${instanceId}`);
  const full = await api.admin.get(`/api/tasks/${task.id}`);
  const body = full.body.candidateBodies[0] as string;
  const { people, secretary, meeting } = await openMeeting(api, body, [task.id]);
  const decided = await secretary.post(`/api/meetings/${meeting.id}/items/${meeting.items[0].id}/decision`, decision);
  if (decided.status !== 200) throw new Error(`deciding ${activityId}: ${decided.status} ${JSON.stringify(decided.body)}`);
  return options.publish ? publishMinutes(api, meeting.id, people) : decided.body;
}

/** The meeting's decision that records what a form of the review or the board decision said, for tests written around those forms. */
export function asMeetingDecision(form: Record<string, unknown>): Record<string, unknown> {
  const outcome = (form.decisionOutcome ?? form.reviewOutcome) as string;
  switch (outcome) {
    case 'approved':
    case 'approved-with-conditions':
      return { outcome: 'approved-as-proposed', ...(typeof form.decisionText === 'string' ? { decisionText: form.decisionText } : {}) };
    case 'amended':
      return { outcome: 'approved-amended', decisionText: form.amendments ?? form.decisionText };
    case 'returned':
      return { outcome: 'returned', decisionText: form.returnReasons ?? 'Palautetaan uudelleen valmisteltavaksi.' };
    default:
      return { outcome, ...(typeof form.decisionText === 'string' ? { decisionText: form.decisionText } : {}) };
  }
}
