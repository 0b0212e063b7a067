import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Client, TestApi } from './api.js';
import { bpmn } from './bpmn.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The username of the first member of a seeded body (whoever the seed put there). */
export async function memberOf(api: TestApi, body: string, role?: string): Promise<Client> {
  const res = await api.admin.get(`/api/bodies/${body}`);
  const member = res.body.members.find((m: { role: string }) => !role || m.role === role) ?? res.body.members[0];
  if (!member) throw new Error(`the seed has no member in ${body}`);
  return api.as(member.username);
}

/** A director of the seed (the change director). */
export async function director(api: TestApi): Promise<Client> {
  const users = await api.admin.get('/api/users');
  const d = users.body.find((u: { roles: string[]; username: string }) => u.roles.includes('director') && u.username !== 'admin');
  return api.as(d.username);
}

/** Waits until the instance has an open task at `activityId`, and returns it. */
export async function openTask(client: Client, instanceId: string, activityId: string) {
  const res = await client.get(`/api/tasks?instanceId=${instanceId}`);
  const task = res.body.items.find((t: { activityId: string }) => t.activityId === activityId);
  if (!task) throw new Error(`no open task ${activityId} in ${instanceId}: ${JSON.stringify(res.body.items.map((t: { activityId: string }) => t.activityId))}`);
  return task;
}

/** One review task of a body, due in three days unless told; `extra` is written into the process as it is. */
export function minimalBpmn(id: string, opts: { body?: string; name?: string; due?: string; extra?: string } = {}): string {
  return bpmn(id, { name: opts.name ?? id })
    .start()
    .userTask('review', { name: 'Review', body: opts.body ?? 'hyvinvoinnin-johtoryhma', due: opts.due ?? 'P3D' })
    .end()
    .raw(opts.extra ?? '')
    .xml();
}

/**
 * The shipped process with its review and board decision completed through their forms instead
 * of at meetings (`kaari:handledAt` taken out), deployed under `key`: for tests of the forms, the
 * decision records and the authority rules of a diagram that does not use meetings.
 */
export async function deployWithoutMeetings(api: TestApi, key = 'cross-sector-forms', edit: (xml: string) => string = (x) => x): Promise<string> {
  const shipped = await readFile(path.join(ROOT, 'processes/cross-sector-measure.bpmn'), 'utf8');
  const xml = edit(
    shipped
      .replaceAll(' kaari:handledAt="meeting"', '')
      .replace('<bpmn:process id="cross-sector-measure"', `<bpmn:process id="${key}"`)
      .replace('bpmnElement="cross-sector-measure"', `bpmnElement="${key}"`),
  );
  const res = await api.admin.post('/api/definitions', xml);
  if (res.status !== 201) throw new Error(`deploying ${key}: ${res.status} ${JSON.stringify(res.body)}`);
  return key;
}
