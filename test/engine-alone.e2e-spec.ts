import 'reflect-metadata';
import { Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import type { Actor } from '../libs/common/src/actor.js';
import { CommonModule } from '../libs/common/src/common.module.js';
import { loadConfig } from '../libs/common/src/config.js';
import { KaariLogger } from '../libs/common/src/logger.js';
import { DefinitionService } from '../libs/engine/src/definitions/definition.service.js';
import { EngineEvents, type EngineEventMap } from '../libs/engine/src/engine-events.js';
import { EngineModule } from '../libs/engine/src/engine.module.js';
import { InstanceService } from '../libs/engine/src/instances/instance.service.js';
import { TaskService } from '../libs/engine/src/tasks/task.service.js';
import { TimerService } from '../libs/engine/src/time/timer.service.js';
import { PersistenceModule } from '../libs/persistence/src/persistence.module.js';
import { bpmn } from './support/bpmn.js';
import { createTestDatabase } from './support/database.js';

/**
 * The engine on its own: no governance module, no access module, no steering bodies and no users.
 * It deploys a diagram whose candidate group nobody keeps, runs it, and tells what happens to its
 * tasks through its events, inside the step's transaction.
 */
describe('The engine alone, with no bodies or users at all', () => {
  let db: { url: string; drop: () => Promise<void> };
  let app: INestApplicationContext;
  let sql: DataSource;
  const heard: Array<{ name: keyof EngineEventMap; type?: string; inTransaction: boolean; taskId: string }> = [];
  let armNudge = false;
  const director: Actor = { userId: null, username: 'a-director', roles: ['director'], bodies: [] };
  const member: Actor = { userId: null, username: 'a-member', roles: [], bodies: ['anyone'] };

  beforeAll(async () => {
    db = await createTestDatabase();
    const config = loadConfig({ DATABASE_URL: db.url, LOG_LEVEL: 'error', API_WEB_DIR: 'none' });
    @Module({ imports: [CommonModule.forRoot(config, { logger: new KaariLogger('json', 'error') }), PersistenceModule.forRoot(config), EngineModule] })
    class EngineAloneModule {}
    app = await NestFactory.createApplicationContext(EngineAloneModule, { logger: false });
    sql = app.get(DataSource);
    const events = app.get(EngineEvents);
    events.on('task.created', ({ em, task, arm }) => {
      heard.push({ name: 'task.created', inTransaction: em.queryRunner?.isTransactionActive === true, taskId: task.id });
      if (armNudge) arm([{ instanceId: task.instanceId, kind: 'test-nudge', key: task.id, taskId: task.id, dueAt: new Date(Date.now() + 3_600_000) }]);
    });
    events.on('task.reassigned', ({ em, type, to }) => {
      heard.push({ name: 'task.reassigned', type, inTransaction: em.queryRunner?.isTransactionActive === true, taskId: to.id });
    });
    await app.get(DefinitionService).deploy(bpmn('alone').start().userTask('work', { body: 'anyone', due: 'P1D' }).end().xml(), null);
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  beforeEach(() => {
    heard.length = 0;
    armNudge = false;
  });

  it('Given no bodies and no users, When a diagram names a group nobody keeps, Then it deploys, runs, and its task is held, handed back and completed', async () => {
    expect(await sql.query(`SELECT (SELECT count(*)::int FROM bodies) AS bodies, (SELECT count(*)::int FROM users) AS users`)).toEqual([
      { bodies: 0, users: 0 },
    ]);
    const instances = app.get(InstanceService);
    const tasks = app.get(TaskService);

    const { instance } = await instances.start(director, { definitionKey: 'alone' });
    const [task] = instance.openTasks;
    expect(task).toMatchObject({ activityId: 'work', candidateBodies: ['anyone'], assignee: null });
    // The engine keeps the deadline; the timers of a deadline are another module's to arm.
    expect(task.dueAt).toEqual(expect.any(String));
    expect(await sql.query(`SELECT kind FROM timers WHERE instance_id = $1`, [instance.id])).toEqual([]);

    await tasks.claim(member, task.id);
    await tasks.unclaim(member, task.id);
    await tasks.claim(member, task.id);
    expect((await tasks.complete(member, task.id, { done: true })).state).toBe('completed');
    expect((await instances.get(director, instance.id)).state).toBe('completed');

    expect(heard).toEqual([
      { name: 'task.created', inTransaction: true, taskId: task.id },
      { name: 'task.reassigned', type: 'task.claimed', inTransaction: true, taskId: task.id },
      { name: 'task.reassigned', type: 'task.unclaimed', inTransaction: true, taskId: task.id },
      { name: 'task.reassigned', type: 'task.claimed', inTransaction: true, taskId: task.id },
    ]);
    const history: Array<{ type: string }> = await sql.query(`SELECT type FROM history WHERE instance_id = $1 AND type LIKE 'task.%' ORDER BY id`, [
      instance.id,
    ]);
    expect(history.map((h) => h.type)).toEqual(['task.created', 'task.claimed', 'task.unclaimed', 'task.claimed', 'task.completed']);
  });

  it('When a listener arms a timer of a kind nobody fires, Then the step is refused and nothing is stored; once the kind is registered, the timer is armed with the step', async () => {
    armNudge = true;
    const instances = app.get(InstanceService);
    const before = await sql.query(`SELECT count(*)::int AS n FROM instances`);
    await expect(instances.start(director, { definitionKey: 'alone' })).rejects.toThrow(/no handler for timers of kind test-nudge/);
    expect(await sql.query(`SELECT count(*)::int AS n FROM instances`)).toEqual(before);

    app.get(TimerService).register('test-nudge', async () => undefined);
    const { instance } = await instances.start(director, { definitionKey: 'alone' });
    expect(await sql.query(`SELECT kind, task_id AS "taskId", state FROM timers WHERE instance_id = $1`, [instance.id])).toEqual([
      { kind: 'test-nudge', taskId: instance.openTasks[0].id, state: 'pending' },
    ]);
  });
});
