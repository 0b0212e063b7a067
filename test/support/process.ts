import type { Client, TestApi } from './api.js';

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

export function minimalBpmn(id: string, opts: { body?: string; name?: string; extra?: string } = {}): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="defs-${id}" targetNamespace="https://kaari.fi/test">
  <bpmn:process id="${id}" name="${opts.name ?? id}" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:userTask id="review" name="Review" camunda:candidateGroups="${opts.body ?? 'hyvinvoinnin-johtoryhma'}" camunda:dueDate="P3D" />
    ${opts.extra ?? ''}
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review" />
    <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;
}
