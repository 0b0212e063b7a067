import type { INestApplicationContext } from '@nestjs/common';
import { Clock } from '@kaari/common/clock.js';
import { startApi, type Client, type TestApi } from './support/api.js';
import { assessment, serviceRow, screening, ENFORCEMENT, SIGN_OFF } from './support/governance.js';
import { openMeeting, peopleOf, publishMinutes } from './support/meeting.js';
import { director, memberOf, openTask } from './support/process.js';
import { eventually, startWorker } from './support/worker.js';

const PROCESS = 'cross-sector-measure';
const HELSINKI = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Helsinki', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The codes of a problem+json refusal. */
const codes = (res: { body: { errors?: Array<{ code: string }> } }) => (res.body.errors ?? []).map((p) => p.code);

describe('Meetings: the body decides together, lawfully, and the minutes show it', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let changeDirector: Client;
  let changeGroup: Client;

  beforeAll(async () => {
    // Appeal periods in seconds: deemed informed 1 s after publication, then 2 s (court appeal: 3 s).
    api = await startApi({ env: { KAARI_APPEAL_NOTICE: 'PT1S', KAARI_APPEAL_PERIOD: 'PT2S', KAARI_COURT_APPEAL_PERIOD: 'PT3S' } });
    worker = await startWorker(api.config);
    changeDirector = await director(api);
    changeGroup = await memberOf(api, 'muutosryhma');
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
  });

  const instance = async (id: string) => (await changeDirector.get(`/api/instances/${id}`)).body;
  const openActivities = async (id: string) => (await instance(id)).openTasks.map((t: { activityId: string }) => t.activityId);
  const taskAt = async (id: string, activityId: string) => {
    const found = (await instance(id)).openTasks.find((t: { activityId: string }) => t.activityId === activityId);
    if (!found) throw new Error(`no open ${activityId}: ${JSON.stringify(await openActivities(id))}`);
    return found as { id: string; kind: string };
  };
  async function complete(instanceId: string, activityId: string, data: Record<string, unknown>) {
    const task = await openTask(changeGroup, instanceId, activityId);
    const res = await changeGroup.post(`/api/tasks/${task.id}/complete`, { data });
    if (res.status !== 200) throw new Error(`completing ${activityId}: ${res.status} ${JSON.stringify(res.body)}`);
  }
  async function launch(title = 'Nuorisotalojen yhdistäminen') {
    const res = await changeDirector.post('/api/instances', { definitionKey: PROCESS, variables: { title } });
    expect(res.status).toBe(201);
    const id = res.body.id as string;
    await complete(id, 'mapping', { services: [serviceRow()], dataSources: 'Talousarvio 2026' });
    return id;
  }
  /** The wellbeing management group approves the mapping at its meeting; the change group then assesses. */
  async function toBoard(id: string) {
    const review = await taskAt(id, 'review');
    const { secretary, meeting } = await openMeeting(api, 'hyvinvoinnin-johtoryhma', [review.id]);
    expect((await secretary.post(`/api/meetings/${meeting.id}/items/${meeting.items[0].id}/decision`, { outcome: 'approved-as-proposed' })).status).toBe(200);
    await complete(id, 'screening', screening('directly'));
    await complete(id, 'assessment', assessment());
    return (await taskAt(id, 'decision')).id;
  }

  it('makes the review and the board decision matters of their bodies: on the waiting list, completed by nobody by hand', async () => {
    const id = await launch();
    const review = await taskAt(id, 'review');
    expect(review.kind).toBe('meeting');
    const chair = await api.as((await peopleOf(api, 'hyvinvoinnin-johtoryhma')).chair);
    const byHand = await chair.post(`/api/tasks/${review.id}/complete`, { data: { reviewOutcome: 'approved' } });
    expect(byHand.status).toBe(409);
    expect(codes(byHand)).toEqual(['meeting-matter']);
    expect(codes(await chair.post(`/api/tasks/${review.id}/claim`))).toEqual(['meeting-matter']);
    // Not anyone's work in a task list, but on the body's list of matters awaiting handling, with its case.
    expect((await chair.get(`/api/tasks?instanceId=${id}`)).body.items).toEqual([]);
    const matters = (await chair.get('/api/bodies/hyvinvoinnin-johtoryhma/matters')).body.items;
    const matter = matters.find((m: { taskId: string }) => m.taskId === review.id);
    expect(matter).toMatchObject({ instanceId: id, title: 'Nuorisotalojen yhdistäminen', handlings: [], reviewOf: null });
    expect(matter.diaryNumber).toMatch(/^\d{4}-\d{4}$/);
    expect(matter.documents.map((d: { formKey: string }) => d.formKey)).toContain('kaari:service-mapping');
  });

  it('lets only the chair or the secretary record, and refuses a director', async () => {
    const id = await launch();
    const review = await taskAt(id, 'review');
    const { people, meeting } = await openMeeting(api, 'hyvinvoinnin-johtoryhma', [review.id]);
    const member = await api.as(people.checkers[0]);
    for (const who of [member, changeDirector]) {
      const res = await who.post(`/api/meetings/${meeting.id}/items/${meeting.items[0].id}/decision`, { outcome: 'approved-as-proposed' });
      expect(res.status).toBe(403);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(codes(res)).toEqual(['not-chair-or-secretary']);
    }
    expect(codes(await changeDirector.post('/api/meetings', { body: 'kaupunginhallitus', kind: 'meeting', startsAt: new Date().toISOString() }))).toEqual([
      'not-chair-or-secretary',
    ]);
    expect(await openActivities(id)).toEqual(['review']);
  });

  it('loses the quorum for an item when a recusal leaves too few seats filled, and says why', async () => {
    const id = await launch();
    const decisionTask = await toBoard(id);
    const board = await peopleOf(api, 'kaupunginhallitus');
    // Five seats need three. Two members are away, so one recusal leaves two.
    const [away1, away2, ...present] = board.seats.filter((s) => s !== board.chair);
    const { secretary, meeting } = await openMeeting(api, 'kaupunginhallitus', [decisionTask], { absent: [away1, away2] });
    const item = meeting.items[0];
    expect(item.quorum).toEqual({ filled: 3, required: 3, seats: 5, ok: true });
    const recused = await secretary.post(`/api/meetings/${meeting.id}/items/${item.id}/recusals`, { username: present[0], ground: 'apa-28-3-interest' });
    expect(recused.status).toBe(200);
    expect(recused.body.items[0].quorum).toMatchObject({ filled: 2, ok: false });
    const refused = await secretary.post(`/api/meetings/${meeting.id}/items/${item.id}/decision`, { outcome: 'approved-as-proposed' });
    expect(refused.status).toBe(409);
    expect(refused.body.errors[0]).toMatchObject({ code: 'no-quorum', params: { present: 2, required: 3, seats: 5, rule: 'more-than-half' } });
    expect(await openActivities(id)).toEqual(['decision']);
    // A member arrives before the item: the quorum is back and the body decides.
    expect((await secretary.post(`/api/meetings/${meeting.id}/movements`, { username: away1, kind: 'arrived', beforeItem: 1 })).status).toBe(200);
    expect((await secretary.post(`/api/meetings/${meeting.id}/items/${item.id}/decision`, { outcome: 'approved-as-proposed' })).status).toBe(200);
    // A recused member may not vote: the vote names them.
    expect(await openActivities(id)).toEqual(['appeal-period']);
  });

  it('refuses a ballot from a recused member and computes a vote with its result', async () => {
    const id = await launch();
    const decisionTask = await toBoard(id);
    const { people, secretary, meeting } = await openMeeting(api, 'kaupunginhallitus', [decisionTask]);
    const item = meeting.items[0];
    const [a, b, c, d] = people.seats.filter((s) => s !== people.chair);
    await secretary.post(`/api/meetings/${meeting.id}/items/${item.id}/recusals`, { username: d, ground: 'apa-28-3-interest' });
    const vote = (ballots: Record<string, string>) => ({
      outcome: 'decided-by-vote',
      counterProposals: [{ kind: 'amend', text: 'Hyväksytään niin, että nuorisotalo Runosmäessä jatkaa vuoden 2027 loppuun.', proposedBy: a, secondedBy: b }],
      votes: [{ yes: 'base', no: 0, ballots }],
      dissents: [{ username: c, reasons: 'Yhdistäminen pidentää nuorten matkoja.' }],
    });
    const withRecused = await secretary.post(`/api/meetings/${meeting.id}/items/${item.id}/decision`, vote({ [people.chair]: 'yes', [d]: 'no' }));
    expect(withRecused.status).toBe(409);
    expect(withRecused.body.errors[0]).toMatchObject({ code: 'recused-member-voting' });
    const decided = await secretary.post(
      `/api/meetings/${meeting.id}/items/${item.id}/decision`,
      vote({ [people.chair]: 'yes', [a]: 'no', [b]: 'no', [c]: 'yes' }),
    );
    // 2–2: the chair's side wins, the base proposal.
    expect(decided.status).toBe(200);
    const handled = decided.body.items[0];
    expect(handled.votes[0]).toMatchObject({ counts: { yes: 2, no: 2, blank: 0, absent: 0 }, decidedBy: 'chair' });
    expect(handled.votes[0].winner).toBe(handled.votes[0].yes);
    expect(handled.dissents).toEqual([{ username: c, reasons: 'Yhdistäminen pidentää nuorten matkoja.' }]);
    // The dissent is printed at the end of the § in the extract, with the vote.
    const extract = await secretary.get(`/api/meetings/${meeting.id}/items/${item.id}/extract`);
    expect(extract.status).toBe(200);
    const html = String(extract.body);
    const dissentAt = html.indexOf('data-field="dissents"');
    expect(dissentAt).toBeGreaterThan(html.indexOf('data-field="votes"'));
    expect(html.slice(dissentAt)).toContain('Yhdistäminen pidentää nuorten matkoja.');
    const decisions = (await changeDirector.get(`/api/instances/${id}/decisions`)).body;
    expect(decisions[0]).toMatchObject({ outcome: 'approved', status: 'awaiting-publication', meetingItemId: item.id, section: handled.section });
  });

  it('numbers §§ in agenda order across two meetings, gap-free, and brings a tabled matter back to the next meeting', async () => {
    const first = await toBoard(await launch('Ensimmäinen'));
    const secondId = await launch('Toinen');
    const second = await toBoard(secondId);
    const m1 = await openMeeting(api, 'kaupunginhallitus', [first, second]);
    const [i1, i2] = m1.meeting.items;
    // The second item cannot go before the first.
    expect(codes(await m1.secretary.post(`/api/meetings/${m1.meeting.id}/items/${i2.id}/decision`, { outcome: 'approved-as-proposed' }))).toEqual([
      'agenda-order',
    ]);
    const d1 = await m1.secretary.post(`/api/meetings/${m1.meeting.id}/items/${i1.id}/decision`, { outcome: 'approved-as-proposed' });
    const d2 = await m1.secretary.post(`/api/meetings/${m1.meeting.id}/items/${i2.id}/decision`, { outcome: 'tabled' });
    const s1 = d1.body.items[0].section as number;
    expect(d2.body.items[1].section).toBe(s1 + 1);
    // Tabled: the same diary number waits again for the board, with its handling listed.
    const retabled = await eventually(async () => {
      const items = (await m1.secretary.get('/api/bodies/kaupunginhallitus/matters')).body.items as Array<{ instanceId: string; handlings: unknown[] }>;
      const m = items.find((x) => x.instanceId === secondId);
      if (!m) throw new Error('not waiting yet');
      return m;
    });
    expect(retabled.handlings).toEqual([
      expect.objectContaining({ meetingId: m1.meeting.id, sectionLabel: `§ ${s1 + 1}/${d2.body.items[1].year}`, outcome: 'tabled' }),
    ]);
    const m2 = await openMeeting(api, 'kaupunginhallitus', [(await taskAt(secondId, 'decision')).id]);
    const d3 = await m2.secretary.post(`/api/meetings/${m2.meeting.id}/items/${m2.meeting.items[0].id}/decision`, { outcome: 'approved-as-proposed' });
    expect(d3.body.items[0].section).toBe(s1 + 2);
    expect(m2.meeting.items[0].diaryNumber).toBe(m1.meeting.items[1].diaryNumber);
  });

  it('sends a returned matter back to preparation in the process', async () => {
    const id = await launch();
    const review = await taskAt(id, 'review');
    const { secretary, meeting } = await openMeeting(api, 'hyvinvoinnin-johtoryhma', [review.id]);
    const res = await secretary.post(`/api/meetings/${meeting.id}/items/${meeting.items[0].id}/decision`, {
      outcome: 'returned',
      decisionText: 'Palautetaan: järjestöjen palvelut puuttuvat kartoituksesta.',
    });
    expect(res.status).toBe(200);
    expect(await openActivities(id)).toEqual(['mapping']);
    const history = (await changeDirector.get(`/api/instances/${id}/history`)).body;
    const completed = (history.items ?? history).find((h: { type: string; activityId: string }) => h.type === 'task.completed' && h.activityId === 'review');
    expect(completed.details).toMatchObject({ meetingId: meeting.id, outcome: 'returned', chair: expect.any(String), secretary: expect.any(String) });
  });

  it('has the minutes signed, checked by the chosen checkers, published, and closed to edits; publication starts the appeal clock', async () => {
    const id = await launch();
    const decisionTask = await toBoard(id);
    const { people, secretary, meeting } = await openMeeting(api, 'kaupunginhallitus', [decisionTask]);
    const item = meeting.items[0];
    await secretary.post(`/api/meetings/${meeting.id}/items/${item.id}/decision`, { outcome: 'approved-as-proposed' });
    expect((await secretary.post(`/api/meetings/${meeting.id}/close`)).status).toBe(200);
    // Checking comes after both signatures; a member who was not chosen cannot check.
    const checker = await api.as(people.checkers[0]);
    expect(codes(await checker.post(`/api/meetings/${meeting.id}/minutes/checks`))).toEqual(['minutes-order']);
    await (await api.as(people.chair)).post(`/api/meetings/${meeting.id}/minutes/signatures`);
    await secretary.post(`/api/meetings/${meeting.id}/minutes/signatures`);
    const notChosen = await api.as(people.seats.find((s) => s !== people.chair && !people.checkers.includes(s))!);
    expect(codes(await notChosen.post(`/api/meetings/${meeting.id}/minutes/checks`))).toEqual(['not-a-minutes-checker']);
    // Before publication the decision waits and its appeal clock has not started.
    expect((await changeDirector.get(`/api/instances/${id}/decisions`)).body[0]).toMatchObject({ status: 'awaiting-publication', appealEndsAt: null });
    const published = await publishMinutes(api, meeting.id, { ...people, chair: people.chair, secretary: people.secretary, checkers: people.checkers });
    expect(published.minutesStatus).toBe('published');
    expect(
      codes(await secretary.post(`/api/meetings/${meeting.id}/items/${item.id}/recusals`, { username: people.chair, ground: 'apa-28-3-interest' })),
    ).toEqual(['minutes-checked']);
    const decision = (await changeDirector.get(`/api/instances/${id}/decisions`)).body[0];
    expect(decision).toMatchObject({ status: 'appeal-period', publishedAt: published.publishedAt });
    expect(new Date(decision.appealEndsAt).getTime()).toBeGreaterThan(new Date(decision.publishedAt).getTime());
    // Nobody moves the appeal wait by hand; when the period passes the decision is final and enforcement opens.
    const wait = await taskAt(id, 'appeal-period');
    // The chair does not even see it (it is no body's task); a director sees it and is refused.
    expect((await (await api.as(people.chair)).post(`/api/tasks/${wait.id}/complete`, { data: { appealOutcome: 'final' } })).status).toBe(404);
    expect(codes(await changeDirector.post(`/api/tasks/${wait.id}/complete`, { data: { appealOutcome: 'final' } }))).toEqual(['system-wait']);
    await eventually(async () => (await openActivities(id)).includes('enforcement'), 20_000, 'enforcement to open');
    expect(await openActivities(id)).toEqual(['enforcement']);
    expect((await changeDirector.get(`/api/instances/${id}/decisions`)).body[0].status).toBe('final');
    // The public page lists the minutes with no sign-in.
    const feed = await api.anonymous.get('/api/public/minutes?body=kaupunginhallitus');
    expect(feed.status).toBe(200);
    const listed = feed.body.items.find((m: { meetingId: string }) => m.meetingId === meeting.id);
    expect(listed.items[0]).toMatchObject({ title: item.title, outcome: 'approved-as-proposed', isPublic: true });
    expect((await api.anonymous.get(`/api/public/minutes/${meeting.id}/items/${item.id}/extract`)).status).toBe(200);
    await complete(id, 'enforcement', ENFORCEMENT);
  });

  it('hands a request for review to the same body’s next meeting; its decision is appealed to the court within 30 days', async () => {
    const id = await launch();
    const decisionTask = await toBoard(id);
    const board = await openMeeting(api, 'kaupunginhallitus', [decisionTask]);
    await board.secretary.post(`/api/meetings/${board.meeting.id}/items/${board.meeting.items[0].id}/decision`, { outcome: 'approved-as-proposed' });
    await publishMinutes(api, board.meeting.id, board.people);
    const [first] = (await changeDirector.get(`/api/instances/${id}/decisions`)).body;
    const requested = await changeDirector.post(`/api/decisions/${first.id}/review-requests`, { requester: 'Asukas', grounds: 'Lasten kuulemista ei tehty.' });
    expect(requested.status).toBe(201);
    const matters = (await board.secretary.get('/api/bodies/kaupunginhallitus/matters')).body.items;
    const review = matters.find((m: { instanceId: string }) => m.instanceId === id);
    expect(review.reviewOf).toEqual({ decisionId: first.id, sectionLabel: first.sectionLabel });
    const next = await openMeeting(api, 'kaupunginhallitus', [review.taskId]);
    expect(next.meeting.items[0].reviewOf).toBe(first.id);
    await next.secretary.post(`/api/meetings/${next.meeting.id}/items/${next.meeting.items[0].id}/decision`, {
      outcome: 'approved-as-proposed',
      decisionText: 'Oikaisuvaatimus hylätään.',
    });
    // Its extract carries the court-appeal instruction, not another request for review.
    const html = String((await next.secretary.get(`/api/meetings/${next.meeting.id}/items/${next.meeting.items[0].id}/extract`)).body);
    expect(html).toContain('hallinto-oikeu');
    await publishMinutes(api, next.meeting.id, next.people);
    const decisions = (await changeDirector.get(`/api/instances/${id}/decisions`)).body;
    const onReview = decisions.find((d: { reviewOf: string | null }) => d.reviewOf === first.id);
    expect(decisions.find((d: { id: string }) => d.id === first.id).status).toBe('reviewed');
    expect(codes(await changeDirector.post(`/api/decisions/${onReview.id}/review-requests`, { requester: 'Asukas', grounds: 'Uudelleen' }))).toEqual([
      'review-decision-goes-to-court',
    ]);
    const appealed = await changeDirector.post(`/api/decisions/${onReview.id}/court-appeals`, { appellant: 'Asukas', court: 'Turun hallinto-oikeus' });
    expect(appealed.status).toBe(201);
    expect(appealed.body.status).toBe('under-appeal');
    // Under appeal the decision is not final when its period passes; the court's ruling makes it final.
    await new Promise((r) => setTimeout(r, 4500));
    expect(await openActivities(id)).toEqual(['appeal-period']);
    const ruled = await changeDirector.post(`/api/decisions/${onReview.id}/court-ruling`, { ruling: 'upheld', ruledOn: '2027-03-01' });
    expect(ruled.status).toBe(201);
    expect(ruled.body).toMatchObject({ status: 'final', courtAppeals: [expect.objectContaining({ ruling: 'upheld', court: 'Turun hallinto-oikeus' })] });
    expect(await openActivities(id)).toEqual(['enforcement']);
  });

  it('decides in an electronic procedure from the ballots cast within the window, with the same quorum', async () => {
    const id = await launch();
    const review = await taskAt(id, 'review');
    const group = await peopleOf(api, 'hyvinvoinnin-johtoryhma');
    const secretary = await api.as(group.secretary);
    const created = await secretary.post('/api/meetings', {
      body: 'hyvinvoinnin-johtoryhma',
      kind: 'electronic',
      startsAt: new Date(Date.now() - 1000).toISOString(),
      endsAt: new Date(Date.now() + 3000).toISOString(),
    });
    expect(created.status).toBe(201);
    const meetingId = created.body.id as string;
    const item = (await secretary.post(`/api/meetings/${meetingId}/items`, { taskId: review.id, proposal: 'Hyväksytään kartoitus.' })).body.items[0];
    const opened = await secretary.put(`/api/meetings/${meetingId}/attendance`, {
      chair: group.chair,
      secretary: group.secretary,
      minutesCheckers: group.checkers,
      attendees: [],
    });
    expect(opened.status).toBe(200);
    for (const who of group.seats.slice(0, 2)) {
      const cast = await (await api.as(who)).post(`/api/meetings/${meetingId}/items/${item.id}/ballots`, { ballot: 'yes' });
      expect(cast.status).toBe(200);
    }
    // The secretary cannot record the result while the window is open, nor can a non-member vote.
    expect(codes(await secretary.post(`/api/meetings/${meetingId}/items/${item.id}/decision`, { outcome: 'approved-as-proposed' }))).toEqual([
      'vote-outside-window',
    ]);
    expect((await changeGroup.post(`/api/meetings/${meetingId}/items/${item.id}/ballots`, { ballot: 'no' })).status).toBe(403);
    await new Promise((r) => setTimeout(r, 3200));
    const late = await (await api.as(group.seats[2])).post(`/api/meetings/${meetingId}/items/${item.id}/ballots`, { ballot: 'no' });
    expect(codes(late)).toEqual(['vote-outside-window']);
    const decided = await secretary.post(`/api/meetings/${meetingId}/items/${item.id}/decision`, { outcome: 'approved-as-proposed' });
    expect(decided.status).toBe(200);
    expect(decided.body.items[0].outcome).toBe('approved-as-proposed');
    expect(decided.body.items[0].ballots).toHaveLength(2);
    expect(await openActivities(id)).toEqual(['screening']);
  });

  it('opens enforcement at publication when the body orders immediate enforcement, before the decision is final', async () => {
    const id = await launch();
    const decisionTask = await toBoard(id);
    const board = await openMeeting(api, 'kaupunginhallitus', [decisionTask]);
    await board.secretary.post(`/api/meetings/${board.meeting.id}/items/${board.meeting.items[0].id}/decision`, {
      outcome: 'approved-as-proposed',
      immediateEnforcement: true,
    });
    expect(await openActivities(id)).toEqual(['appeal-period']);
    await publishMinutes(api, board.meeting.id, board.people);
    expect(await openActivities(id)).toEqual(['enforcement']);
    expect((await changeDirector.get(`/api/instances/${id}/decisions`)).body[0]).toMatchObject({ status: 'appeal-period', immediateEnforcement: true });
    await eventually(
      async () => (await changeDirector.get(`/api/instances/${id}/decisions`)).body[0].status === 'final',
      20_000,
      'the decision to become final',
    );
  });

  it('takes the invitation rule from the body’s standing orders, which only an admin changes', async () => {
    const secretary = await api.as((await peopleOf(api, 'muutosryhma')).secretary);
    expect((await secretary.get('/api/bodies/muutosryhma/standing-orders')).body).toMatchObject({ invitationDays: 4, quorum: 'more-than-half' });
    const refused = await secretary.put('/api/bodies/muutosryhma/standing-orders', {
      invitationDays: 1,
      quorum: 'more-than-half',
      minutesCheckers: 2,
      electronicProcedure: false,
    });
    expect(refused.status).toBe(403);
    const set = await api.admin.put('/api/bodies/muutosryhma/standing-orders', {
      invitationDays: 10,
      quorum: 'two-thirds',
      minutesCheckers: 1,
      electronicProcedure: false,
    });
    expect(set.status).toBe(200);
    const meeting = await secretary.post('/api/meetings', {
      body: 'muutosryhma',
      kind: 'meeting',
      startsAt: new Date(Date.now() + 6 * 86_400_000).toISOString(),
    });
    expect(meeting.body.standingOrders).toMatchObject({ invitationDays: 10, quorum: 'two-thirds' });
    const late = await secretary.post(`/api/meetings/${meeting.body.id}/invitation`);
    expect(late.body.errors[0]).toMatchObject({ code: 'invitation-late', params: { invitationDays: 10 } });
  });

  it('refuses a late invitation naming the rule, and a ballot outside the voting window', async () => {
    const board = await peopleOf(api, 'kaupunginhallitus');
    const secretary = await api.as(board.secretary);
    const tomorrow = await secretary.post('/api/meetings', {
      body: 'kaupunginhallitus',
      kind: 'meeting',
      startsAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    const late = await secretary.post(`/api/meetings/${tomorrow.body.id}/invitation`);
    expect(late.status).toBe(409);
    expect(late.body.errors[0]).toMatchObject({ code: 'invitation-late', params: { rule: 'standing-orders.invitationDays', invitationDays: 4 } });
    const inTime = await secretary.post('/api/meetings', {
      body: 'kaupunginhallitus',
      kind: 'meeting',
      startsAt: new Date(Date.now() + 6 * 86_400_000).toISOString(),
    });
    const sent = await secretary.post(`/api/meetings/${inTime.body.id}/invitation`);
    expect(sent.status).toBe(200);
    // Every member and substitute has the invitation in the app.
    for (const who of [board.seats[0], 'veera.vara']) {
      const notes = (await (await api.as(who)).get('/api/notifications')).body;
      expect(
        (notes.items ?? notes).some(
          (n: { kind: string; details: { meetingId?: string } }) => n.kind === 'invitation' && n.details?.meetingId === inTime.body.id,
        ),
      ).toBe(true);
    }
    // The city board may not decide electronically; a management group may, within its window only.
    expect(
      codes(
        await secretary.post('/api/meetings', {
          body: 'kaupunginhallitus',
          kind: 'electronic',
          startsAt: new Date().toISOString(),
          endsAt: new Date(Date.now() + 3_600_000).toISOString(),
        }),
      ),
    ).toEqual(['electronic-not-allowed']);
    const id = await launch();
    const review = await taskAt(id, 'review');
    const group = await peopleOf(api, 'hyvinvoinnin-johtoryhma');
    const groupSecretary = await api.as(group.secretary);
    const electronic = await groupSecretary.post('/api/meetings', {
      body: 'hyvinvoinnin-johtoryhma',
      kind: 'electronic',
      startsAt: new Date(Date.now() + 86_400_000).toISOString(),
      endsAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
    });
    expect(electronic.status).toBe(201);
    const withItem = await groupSecretary.post(`/api/meetings/${electronic.body.id}/items`, { taskId: review.id, proposal: 'Hyväksytään kartoitus.' });
    const early = await (
      await api.as(group.seats[0])
    ).post(`/api/meetings/${electronic.body.id}/items/${withItem.body.items[0].id}/ballots`, { ballot: 'yes' });
    expect(early.status).toBe(409);
    expect(codes(early)).toEqual(['vote-outside-window']);
  });
});

describe('Meetings: publication and the holiday roll of the appeal period', () => {
  class SetClock extends Clock {
    at = new Date('2026-12-04T10:00:00+02:00');
    now(): Date {
      return this.at;
    }
  }
  const clock = new SetClock();
  let api: TestApi;

  beforeAll(async () => {
    api = await startApi({ clock });
  });
  afterAll(async () => api.close());

  it('deems notice received 7 days after publication and ends the 14-day period on the next working day after Christmas', async () => {
    const changeDirector = await director(api);
    const changeGroup = await memberOf(api, 'muutosryhma');
    const started = await changeDirector.post('/api/instances', { definitionKey: PROCESS, variables: { title: 'Joulun yli' } });
    const id = started.body.id as string;
    const done = async (activityId: string, data: Record<string, unknown>) => {
      const task = await openTask(changeGroup, id, activityId);
      expect((await changeGroup.post(`/api/tasks/${task.id}/complete`, { data })).status).toBe(200);
    };
    await done('mapping', { services: [serviceRow()], dataSources: 'Talousarvio' });
    const openTaskOf = async (activityId: string) =>
      ((await changeDirector.get(`/api/instances/${id}`)).body.openTasks as Array<{ id: string; activityId: string }>).find(
        (t) => t.activityId === activityId,
      )!;
    const review = await openMeeting(api, 'hyvinvoinnin-johtoryhma', [(await openTaskOf('review')).id]);
    await review.secretary.post(`/api/meetings/${review.meeting.id}/items/${review.meeting.items[0].id}/decision`, { outcome: 'approved-as-proposed' });
    await done('screening', screening('no', { justification: 'Toimenpide koskee vain aikuisia.', signOff: SIGN_OFF }));
    const board = await openMeeting(api, 'kaupunginhallitus', [(await openTaskOf('decision')).id], { startsAt: new Date('2026-12-10T12:00:00+02:00') });
    const decided = await board.secretary.post(`/api/meetings/${board.meeting.id}/items/${board.meeting.items[0].id}/decision`, {
      outcome: 'approved-as-proposed',
    });
    expect(decided.status).toBe(200);
    // Published on Friday 4 December: notice Friday 11 December, 14 days end on Christmas Day, so on Monday 28 December.
    await publishMinutes(api, board.meeting.id, board.people);
    const [decision] = (await changeDirector.get(`/api/instances/${id}/decisions`)).body;
    expect(HELSINKI.format(new Date(decision.informedAt))).toBe('2026-12-11');
    expect(HELSINKI.format(new Date(decision.appealEndsAt))).toBe('2026-12-28');
    const extract = String((await board.secretary.get(`/api/meetings/${board.meeting.id}/items/${board.meeting.items[0].id}/extract`)).body);
    expect(extract).toContain('28.12.2026');
  });
});
