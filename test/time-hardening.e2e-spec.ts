import type { INestApplicationContext } from '@nestjs/common';
import pg from 'pg';
import { createWorker } from '../apps/worker/src/create-worker.js';
import { Clock } from '../libs/common/src/clock.js';
import { startApi, type Client, type TestApi } from './support/api.js';
import { bpmn } from './support/bpmn.js';
import { director } from './support/process.js';
import { eventually, startWorker } from './support/worker.js';

const PASSWORD = 'time-hardening-password';

/** One review task of h-owner, due as told. */
const oneTask = (id: string, due: string) => bpmn(id).start().userTask('review', { name: 'Review', body: 'h-owner', due }).end().xml();

/** A clock the test sets: the api and the worker read "now" from it, so days can pass in a moment. */
class TestClock extends Clock {
  constructor(public at: Date) {
    super();
  }
  now(): Date {
    return new Date(this.at);
  }
}

/** Three bodies in a chain, h-owner → h-middle → h-top, with the grace periods given, and a member in h-owner. */
async function chain(api: TestApi, graces: { owner: string; middle: string }): Promise<void> {
  for (const [code, escalatesTo, graceDuration] of [
    ['h-top', null, 'P1D'],
    ['h-middle', 'h-top', graces.middle],
    ['h-owner', 'h-middle', graces.owner],
  ] as const) {
    const res = await api.admin.post('/api/bodies', { code, name: { fi: code, en: code }, kind: 'working-group', escalatesTo, graceDuration });
    expect(res.status).toBe(201);
  }
  const res = await api.admin.post('/api/users', {
    username: 'h-owner.member',
    password: PASSWORD,
    displayName: 'Member of h-owner',
    roles: [],
    bodies: [{ code: 'h-owner' }],
  });
  expect(res.status).toBe(201);
}

async function query<T = any>(api: TestApi, sql: string, params: unknown[] = []): Promise<T[]> {
  const db = new pg.Client({ connectionString: api.config.databaseUrl });
  await db.connect();
  try {
    return (await db.query(sql, params)).rows;
  } finally {
    await db.end();
  }
}

/** Issue 12, finding 9: escalation and timers, found in the code and by trying. */
describe('Escalation counts a grace period in working days (P5WD) on the Finnish calendar', () => {
  // The task is created on Monday 22 December 2025 at 10:00 Finnish time and is due a second later.
  const clock = new TestClock(new Date('2025-12-22T08:00:00Z'));
  let api: TestApi;
  let worker: INestApplicationContext | null = null;

  beforeAll(async () => {
    api = await startApi({ clock });
    await chain(api, { owner: 'P5WD', middle: 'P2WD' });
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
  });

  it('escalates on the fifth working day after the deadline, not at it, and gives the next body two working days', async () => {
    expect((await api.admin.post('/api/definitions', oneTask('grace-working-days', 'PT1S'))).status).toBe(201);
    const changeDirector: Client = await director(api);
    const started = await changeDirector.post('/api/instances', { definitionKey: 'grace-working-days' });
    expect(started.status).toBe(201);
    const task = started.body.openTasks[0];
    expect(task.dueAt).toBe('2025-12-22T08:00:01.000Z');

    // The worker comes up on Monday 5 January 2026 at 11:00 Finnish time. Five working days after
    // the deadline skip Christmas Eve, Christmas Day, St Stephen's Day, New Year's Eve, New Year's
    // Day and two weekends: Tue 23, Mon 29, Tue 30 December, Fri 2 and Mon 5 January.
    clock.at = new Date('2026-01-05T09:00:00Z');
    worker = await createWorker(api.config, { clock });

    const escalated = await eventually(
      async () => {
        const t = (await changeDirector.get(`/api/tasks/${task.id}`)).body;
        return t.escalationLevel === 1 ? t : undefined;
      },
      20000,
      'the escalation',
    );
    // The next body's own grace: two working days from the escalation, skipping Epiphany (Tue 6 January).
    expect(escalated).toMatchObject({ deadlineBody: 'h-middle', candidateBodies: ['h-owner', 'h-middle'], dueAt: '2026-01-08T09:00:00.000Z' });

    const [escalation] = await query(api, `SELECT due_at, state FROM timers WHERE task_id = $1 AND kind = 'task-escalation'`, [task.id]);
    expect(escalation.state).toBe('fired');
    expect(escalation.due_at.toISOString()).toBe('2026-01-05T08:00:01.000Z');

    const history = (await changeDirector.get(`/api/instances/${started.body.id}/history`)).body;
    const e = history.find((h: { type: string }) => h.type === 'task.escalated');
    expect(e.details).toMatchObject({
      from: 'h-owner',
      to: 'h-middle',
      level: 1,
      previousDueAt: '2025-12-22T08:00:01.000Z',
      dueAt: '2026-01-08T09:00:00.000Z',
    });
    expect(history.filter((h: { type: string }) => h.type === 'task.escalated')).toHaveLength(1);
  });
});

describe('A task that closes takes its reminder, overdue and escalation timers with it', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let changeDirector: Client;
  let owner: Client;

  beforeAll(async () => {
    api = await startApi({ env: { KAARI_REMINDER_LEAD: 'PT1S' } });
    worker = await startWorker(api.config);
    await chain(api, { owner: 'P1D', middle: 'P1D' });
    changeDirector = await director(api);
    owner = await api.anonymous.as('h-owner.member', PASSWORD);
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
  });

  const timersOf = (taskId: string) => query<{ kind: string; state: string }>(api, `SELECT kind, state FROM timers WHERE task_id = $1 ORDER BY kind`, [taskId]);

  it('cancels the pending reminder and overdue mark in the transaction that completes the task', async () => {
    expect((await api.admin.post('/api/definitions', oneTask('closes-in-time', 'P3D'))).status).toBe(201);
    const started = await changeDirector.post('/api/instances', { definitionKey: 'closes-in-time' });
    const task = started.body.openTasks[0];
    expect(await timersOf(task.id)).toEqual([
      { kind: 'task-overdue', state: 'pending' },
      { kind: 'task-reminder', state: 'pending' },
    ]);
    expect((await owner.post(`/api/tasks/${task.id}/complete`, { data: {} })).status).toBe(200);
    // Read right after the answer: nothing is left pending to fire as a no-op later.
    expect(await timersOf(task.id)).toEqual([
      { kind: 'task-overdue', state: 'cancelled' },
      { kind: 'task-reminder', state: 'cancelled' },
    ]);
    const types = (await changeDirector.get(`/api/instances/${started.body.id}/history`)).body.map((h: { type: string }) => h.type);
    expect(types).toEqual(expect.arrayContaining(['task.created', 'task.completed', 'instance.completed']));
    expect(types).not.toEqual(expect.arrayContaining(['task.reminded']));
    expect(types).not.toEqual(expect.arrayContaining(['task.overdue']));
  });

  it('cancels a waiting escalation when an overdue task is completed, and when its instance is cancelled', async () => {
    expect((await api.admin.post('/api/definitions', oneTask('closes-late', 'PT1S'))).status).toBe(201);
    const tasks: string[] = [];
    const instances: string[] = [];
    for (let i = 0; i < 2; i += 1) {
      const started = await changeDirector.post('/api/instances', { definitionKey: 'closes-late' });
      instances.push(started.body.id);
      tasks.push(started.body.openTasks[0].id);
    }
    for (const id of tasks) {
      await eventually(
        async () => (await timersOf(id)).some((t) => t.kind === 'task-escalation' && t.state === 'pending'),
        15000,
        'the escalation to be armed',
      );
    }
    expect((await owner.post(`/api/tasks/${tasks[0]}/complete`, { data: {} })).status).toBe(200);
    expect((await changeDirector.post(`/api/instances/${instances[1]}/cancel`, { reason: 'no longer needed' })).status).toBe(200);
    for (const id of tasks) {
      expect(await timersOf(id)).toEqual([
        { kind: 'task-escalation', state: 'cancelled' },
        { kind: 'task-overdue', state: 'fired' },
        { kind: 'task-reminder', state: 'fired' },
      ]);
    }
    const [{ pending }] = await query(api, `SELECT count(*)::int AS pending FROM timers WHERE instance_id = ANY($1) AND state = 'pending'`, [instances]);
    expect(pending).toBe(0);
  });
});

describe('Each firing of a non-interrupting timeCycle boundary timer makes its own task at once', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let changeDirector: Client;
  let owner: Client;

  beforeAll(async () => {
    api = await startApi();
    worker = await startWorker(api.config);
    await chain(api, { owner: 'P1D', middle: 'P1D' });
    changeDirector = await director(api);
    owner = await api.anonymous.as('h-owner.member', PASSWORD);
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
  });

  it('opens a follow-up task at every firing while the earlier ones are open, and each completes on its own, in any order', async () => {
    // Given a review chased up every second, three times, each time by a follow-up task
    const xml = bpmn('chase-up')
      .start()
      .userTask('review', { name: 'Review', body: 'h-owner' })
      .end()
      .from('review')
      .boundaryTimer('chase', { cycle: 'R3/PT1S' }, { interrupting: false })
      .userTask('follow-up', { name: 'Follow up', body: 'h-owner', due: 'P2D' })
      .end('chased')
      .xml();
    expect((await api.admin.post('/api/definitions', xml)).status).toBe(201);
    const started = await changeDirector.post('/api/instances', { definitionKey: 'chase-up' });
    expect(started.status).toBe(201);
    const id = started.body.id;
    const openFollowUps = async () =>
      ((await owner.get(`/api/tasks?instanceId=${id}`)).body.items as Array<{ id: string; activityId: string; createdAt: string; dueAt: string }>)
        .filter((t) => t.activityId === 'follow-up')
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt));

    // When the timer fires, its follow-up task is there at once, though nobody has touched the earlier ones
    for (const n of [1, 2, 3]) {
      await eventually(async () => (await openFollowUps()).length === n, 10000, `follow-up task ${n}`);
    }
    const tasks = await openFollowUps();
    const history = async () => (await changeDirector.get(`/api/instances/${id}/history`)).body as Array<{ type: string; activityId: string; taskId: string }>;
    expect((await history()).filter((h) => h.type === 'timer.fired')).toHaveLength(3);
    // Each with a deadline of its own, from its firing.
    expect(new Set(tasks.map((t) => t.dueAt)).size).toBe(3);
    expect(
      (await owner.get(`/api/tasks?instanceId=${id}`)).body.items.map((t: { activityId: string }) => t.activityId).filter((a: string) => a === 'review'),
    ).toHaveLength(1);

    // Then each follow-up completes on its own, in any order: the last first, then the first, then the middle one
    for (const [i, note] of [
      [2, 'third'],
      [0, 'first'],
      [1, 'second'],
    ] as const) {
      const done = await owner.post(`/api/tasks/${tasks[i].id}/complete`, { data: { note } });
      expect(done.status).toBe(200);
      expect(done.body).toMatchObject({ state: 'completed', completedBy: 'h-owner.member' });
    }
    expect(await openFollowUps()).toEqual([]);
    const review = (await owner.get(`/api/tasks?instanceId=${id}`)).body.items[0];
    expect(review.activityId).toBe('review');
    expect((await owner.post(`/api/tasks/${review.id}/complete`, { data: {} })).status).toBe(200);

    const instance = (await changeDirector.get(`/api/instances/${id}`)).body;
    expect(instance.state).toBe('completed');
    const events = await history();
    for (const t of tasks) {
      expect(events.filter((h) => h.taskId === t.id).map((h) => h.type)).toEqual(['task.created', 'task.completed']);
    }
    expect(events.map((h) => h.type)).not.toContain('task.cancelled');
    expect(events.filter((h) => h.type === 'activity.completed' && h.activityId === 'chased')).toHaveLength(3);
    const all = (await changeDirector.get(`/api/tasks?instanceId=${id}&state=all`)).body.items;
    expect(all).toHaveLength(4);
    const [{ pending }] = await query(api, `SELECT count(*)::int AS pending FROM timers WHERE instance_id = $1 AND state = 'pending'`, [id]);
    expect(pending).toBe(0);
  });
});
