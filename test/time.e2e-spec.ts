import type { INestApplicationContext } from '@nestjs/common';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { startApi, type Client, type TestApi } from './support/api.js';
import { bpmn } from './support/bpmn.js';
import { director } from './support/process.js';
import { eventually, startWorker } from './support/worker.js';

const PASSWORD = 'time-test-password';

/** A review by t-owner, due as told (or not at all). */
const reviewProcess = (id: string, due?: string) => bpmn(id).start().userTask('review', { name: 'Review', body: 't-owner', due });

describe('Time: deadlines, reminders, escalation and BPMN timers through BullMQ', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let smtp: SMTPServer;
  const mails: Array<{ to: string; text: string }> = [];
  let changeDirector: Client;
  let owner: Client;
  let middle: Client;
  let top: Client;

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, callback) {
        let text = '';
        stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
        stream.on('end', () => {
          mails.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), text });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const smtpPort = (smtp.server.address() as AddressInfo).port;
    api = await startApi({ env: { KAARI_REMINDER_LEAD: 'PT1S', SMTP_URL: `smtp://127.0.0.1:${smtpPort}` } });
    worker = await startWorker(api.config);
    changeDirector = await director(api);
    // A chain of three bodies with one-second grace periods: owner → middle → top.
    for (const [code, escalatesTo] of [
      ['t-top', null],
      ['t-middle', 't-top'],
      ['t-owner', 't-middle'],
    ] as const) {
      const res = await api.admin.post('/api/bodies', { code, name: { fi: code, en: code }, kind: 'working-group', escalatesTo, graceDuration: 'PT1S' });
      expect(res.status).toBe(201);
    }
    for (const code of ['t-owner', 't-middle', 't-top']) {
      const res = await api.admin.post('/api/users', {
        username: `${code}.member`,
        password: PASSWORD,
        displayName: `Member of ${code}`,
        roles: [],
        bodies: [{ code }],
        email: `${code}@example.test`,
      });
      expect(res.status).toBe(201);
    }
    owner = await api.anonymous.as('t-owner.member', PASSWORD);
    middle = await api.anonymous.as('t-middle.member', PASSWORD);
    top = await api.anonymous.as('t-top.member', PASSWORD);
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });

  async function deployAndStart(xml: string, key: string) {
    const deployed = await api.admin.post('/api/definitions', xml);
    expect([200, 201]).toContain(deployed.status);
    const started = await changeDirector.post('/api/instances', { definitionKey: key });
    expect(started.status).toBe(201);
    return started.body;
  }

  async function history(instanceId: string): Promise<Array<{ type: string; activityId: string; details: any; actor: string }>> {
    return (await changeDirector.get(`/api/instances/${instanceId}/history`)).body;
  }

  it('reminds, marks overdue and escalates an overdue task up the chain to the top body, on the record', async () => {
    const instance = await deployAndStart(reviewProcess('deadline-chain', 'PT2S').end().xml(), 'deadline-chain');
    const taskId = instance.openTasks[0].id;
    expect(instance.openTasks[0].dueAt).toEqual(expect.any(String));

    const escalated = await eventually(
      async () => {
        const t = (await top.get(`/api/tasks/${taskId}`)).body;
        return t.escalationLevel === 2 ? t : undefined;
      },
      20000,
      'escalation to the top body',
    );
    // The original body keeps the task; each body escalated to is added.
    expect(escalated.candidateBodies).toEqual(['t-owner', 't-middle', 't-top']);
    expect(escalated.deadlineBody).toBe('t-top');

    const events = await history(instance.id);
    const types = events.map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['task.reminded', 'task.overdue', 'task.escalated']));
    const escalations = events.filter((e) => e.type === 'task.escalated').map((e) => [e.details.from, e.details.to, e.actor]);
    expect(escalations).toEqual([
      ['t-owner', 't-middle', 'system'],
      ['t-middle', 't-top', 'system'],
    ]);
    expect(events.find((e) => e.type === 'task.escalated')!.details.reason).toMatch(/grace period/);

    // The top body's own deadline passes too: the task is overdue there, and escalates no further.
    const overdue = await eventually(
      async () => {
        const list = (await top.get('/api/tasks?overdue=true')).body.items;
        return list.find((t: { id: string }) => t.id === taskId);
      },
      10000,
      'the task in the overdue list',
    );
    expect(overdue.overdue).toBe(true);
    await new Promise((r) => setTimeout(r, 1500));
    expect((await top.get(`/api/tasks/${taskId}`)).body.escalationLevel).toBe(2);
    expect((await history(instance.id)).filter((e) => e.type === 'task.escalated')).toHaveLength(2);

    // Notifications for the bodies concerned, readable and markable.
    const ownerNotes = (await owner.get('/api/notifications')).body;
    expect(ownerNotes.items.map((n: { kind: string }) => n.kind)).toEqual(expect.arrayContaining(['reminder', 'overdue', 'escalation']));
    const topNotes = (await top.get('/api/notifications?unread=true')).body;
    expect(topNotes.items.some((n: { kind: string; details: any }) => n.kind === 'escalation' && n.details.to === 't-top')).toBe(true);
    const first = topNotes.items[0];
    const read = await top.post(`/api/notifications/${first.id}/read`);
    expect(read.status).toBe(200);
    expect(read.body.readAt).toEqual(expect.any(String));
    expect((await top.get('/api/notifications?unread=true')).body.total).toBe(topNotes.total - 1);
    // Nobody reads another's notifications.
    expect((await owner.post(`/api/notifications/${first.id}/read`)).status).toBe(404);

    // And they went out by e-mail.
    await eventually(
      async () => mails.some((m) => m.to === 't-top@example.test' && /escalated|eskaler|siirretty/i.test(m.text)),
      10000,
      'an escalation e-mail',
    );

    // The escalated body can act on the task.
    const done = await top.post(`/api/tasks/${taskId}/complete`, { data: {} });
    expect(done.status).toBe(200);
  });

  it('fires an interrupting boundary timer: the task closes and the escalation path in the diagram runs', async () => {
    const instance = await deployAndStart(
      reviewProcess('boundary-escalation')
        .end()
        .from('review')
        .boundaryTimer('too-late', { duration: 'PT1S' })
        .userTask('director-review', { name: 'Director review', body: 't-middle' })
        .end()
        .xml(),
      'boundary-escalation',
    );
    const task = await eventually(
      async () => {
        const items = (await middle.get(`/api/tasks?instanceId=${instance.id}`)).body.items;
        return items.find((t: { activityId: string }) => t.activityId === 'director-review');
      },
      10000,
      'the director review task',
    );
    expect(task.candidateBodies).toEqual(['t-middle']);
    const all = (await changeDirector.get(`/api/tasks?instanceId=${instance.id}&state=all`)).body.items;
    expect(all.find((t: { activityId: string }) => t.activityId === 'review').state).toBe('cancelled');
    expect((await history(instance.id)).map((e) => e.type)).toContain('timer.fired');
    expect((await middle.post(`/api/tasks/${task.id}/complete`, { data: {} })).status).toBe(200);
    expect((await changeDirector.get(`/api/instances/${instance.id}`)).body.state).toBe('completed');
  });

  it('fires a non-interrupting cycle twice while the task stays open', async () => {
    const instance = await deployAndStart(
      reviewProcess('nudges').end().from('review').boundaryTimer('nudge', { cycle: 'R2/PT1S' }, { interrupting: false }).end('nudge-end').xml(),
      'nudges',
    );
    await eventually(async () => (await history(instance.id)).filter((e) => e.type === 'timer.fired').length === 2, 12000, 'two cycle firings');
    await new Promise((r) => setTimeout(r, 1500));
    expect((await history(instance.id)).filter((e) => e.type === 'timer.fired')).toHaveLength(2);
    const open = (await owner.get(`/api/tasks?instanceId=${instance.id}`)).body.items;
    expect(open.map((t: { activityId: string }) => t.activityId)).toEqual(['review']);
  });

  it('waits at intermediate timer events (duration and date), with two workers firing each timer exactly once', async () => {
    const second = await startWorker(api.config);
    try {
      const at = new Date(Date.now() + 1500).toISOString();
      await api.admin.post(
        '/api/definitions',
        bpmn('pauses')
          .start()
          .timer('pause', { duration: 'PT1S' })
          .timer('until', { date: at })
          .userTask('after', { name: 'After the pause', body: 't-owner' })
          .end()
          .xml(),
      );
      const started = await Promise.all(Array.from({ length: 12 }, () => changeDirector.post('/api/instances', { definitionKey: 'pauses' })));
      for (const s of started) expect(s.body.openTasks).toEqual([]);
      for (const s of started) {
        await eventually(async () => (await owner.get(`/api/tasks?instanceId=${s.body.id}`)).body.items.length === 1, 15000, 'the task after both timers');
      }
      await new Promise((r) => setTimeout(r, 1000));
      for (const s of started) {
        const fired = (await history(s.body.id)).filter((e) => e.type === 'timer.fired').map((e) => e.activityId);
        expect(fired).toEqual(['pause', 'until']);
        const tasks = (await changeDirector.get(`/api/tasks?instanceId=${s.body.id}&state=all`)).body.items;
        expect(tasks).toHaveLength(1);
      }
    } finally {
      await second.close();
    }
  });

  it('lets escalations race completions without double effects', async () => {
    await api.admin.post('/api/definitions', reviewProcess('race', 'PT1S').end().xml());
    const started = await Promise.all(Array.from({ length: 8 }, () => changeDirector.post('/api/instances', { definitionKey: 'race' })));
    // Complete each around the moment it escalates (deadline 1 s + grace 1 s), staggered across it.
    const results = await Promise.all(
      started.map(async (s, i) => {
        await new Promise((r) => setTimeout(r, 1700 + i * 100));
        return owner.post(`/api/tasks/${s.body.openTasks[0].id}/complete`, { data: {} });
      }),
    );
    for (const r of results) expect(r.status).toBe(200);
    await new Promise((r) => setTimeout(r, 2500));
    for (const s of started) {
      const events = await history(s.body.id);
      const completedAt = events.findIndex((e) => e.type === 'task.completed');
      expect(events.filter((e) => e.type === 'task.completed')).toHaveLength(1);
      // Nothing happens to a task after it was completed; an escalation before it happened once.
      expect(events.slice(completedAt + 1).map((e) => e.type)).not.toEqual(expect.arrayContaining(['task.escalated']));
      expect(events.filter((e) => e.type === 'task.escalated').length).toBeLessThanOrEqual(1);
      expect((await changeDirector.get(`/api/instances/${s.body.id}`)).body.state).toBe('completed');
    }
  });

  it('cancels a task deadline’s timers when the task is completed in time', async () => {
    const instance = await deployAndStart(reviewProcess('in-time', 'PT2S').end().xml(), 'in-time');
    expect((await owner.post(`/api/tasks/${instance.openTasks[0].id}/complete`, { data: {} })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 3500));
    const types = (await history(instance.id)).map((e) => e.type);
    expect(types).not.toContain('task.overdue');
    expect(types).not.toContain('task.escalated');
  });
});
