import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SYSTEM_ACTOR, type Actor } from '../libs/common/src/actor.js';
import { CommonModule } from '../libs/common/src/common.module.js';
import { loadConfig } from '../libs/common/src/config.js';
import { benchProcessesDir } from './processes.js';
import { KaariLogger } from '../libs/common/src/logger.js';
import { ProcessDeployer } from '../libs/engine/src/definitions/process-deployer.js';
import { EngineModule } from '../libs/engine/src/engine.module.js';
import { InstanceService } from '../libs/engine/src/instances/instance.service.js';
import { TaskService } from '../libs/engine/src/tasks/task.service.js';
import { GovernanceModule } from '../libs/governance/src/governance.module.js';
import { OrganisationSeeder } from '../libs/governance/src/organisation-seeder.js';
import { prepareDatabase } from '../libs/persistence/src/data-source.js';
import { PersistenceModule } from '../libs/persistence/src/persistence.module.js';
import { SIGNALS, START_VARIABLES } from './raw.js';
import { latencies, pool } from './support.js';

/**
 * Kaari's engine service, durable in PostgreSQL, called in-process: the same diagram and
 * signals as the raw run, every step a transaction under the instance's row lock.
 */
export async function runEngine(databaseUrl: string, runs: number, concurrency: number) {
  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    KAARI_PROCESSES_DIR: benchProcessesDir(),
    LOG_LEVEL: 'error',
    API_WEB_DIR: 'none',
    ENGINE_THREADS: process.env.ENGINE_THREADS,
  });
  await prepareDatabase(databaseUrl);
  // With governance (forms validated on completion, case documents, decision records, deadlines) as the api runs it.
  @Module({
    imports: [
      CommonModule.forRoot(config, { logger: new KaariLogger('json', 'error') }),
      PersistenceModule.forRoot(config, concurrency + 4),
      EngineModule,
      GovernanceModule,
    ],
  })
  class BenchModule {}
  const app = await NestFactory.createApplicationContext(BenchModule, { logger: false });
  await app.get(OrganisationSeeder).seedBodies();
  await app.get(ProcessDeployer).deployAll();
  const instances = app.get(InstanceService);
  const tasks = app.get(TaskService);
  const director: Actor = { ...SYSTEM_ACTOR, username: 'bench-director', roles: ['director'] };
  const member: Actor = { userId: randomUUID(), username: 'bench-member', roles: [], bodies: ['muutosryhma', 'hyvinvoinnin-johtoryhma', 'kaupunginhallitus'] };
  // A member of every body on the path, in the role that decides: the review and the board's decision are theirs to make.
  const db = app.get(DataSource);
  await db.query(`INSERT INTO users (id, username, display_name) VALUES ($1, $2, 'Bench member')`, [member.userId, member.username]);
  for (const code of member.bodies) await db.query(`INSERT INTO body_members (body_code, user_id, role) VALUES ($1, $2, 'member')`, [code, member.userId]);
  const completions: number[] = [];
  const once = async () => {
    const { instance } = await instances.start(director, { definitionKey: 'cross-sector-measure', variables: { ...START_VARIABLES } });
    let open = instance.openTasks;
    while (open.length) {
      const task = open[0];
      const t0 = performance.now();
      await tasks.complete(member, task.id, structuredClone(SIGNALS[task.activityId] ?? {}));
      completions.push(performance.now() - t0);
      open = (await instances.get(director, instance.id)).openTasks;
    }
  };
  await pool(Math.min(20, runs), concurrency, once);
  completions.length = 0;
  const started = performance.now();
  await pool(runs, concurrency, once);
  const seconds = (performance.now() - started) / 1000;
  await app.close();
  return { instancesPerSecond: Math.round((runs / seconds) * 10) / 10, runs, concurrency, governanceContent: true, completionMs: latencies(completions) };
}
