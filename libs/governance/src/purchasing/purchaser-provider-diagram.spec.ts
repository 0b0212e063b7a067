import { readFile } from 'node:fs/promises';
import { validateBpmn } from '@kaari/engine/definitions/bpmn-validator.js';
import { FORMS } from '../forms/form.service.js';
import { PROVIDER_KEYS } from './product-groups.js';
import { PURCHASER_PROVIDER_FORMS } from './purchaser-provider-forms.js';

const read = (file: string) => readFile(new URL(`../../../../${file}`, import.meta.url), 'utf8');

describe('processes/purchaser-provider-cycle.bpmn against the Tampere 2007 seed', () => {
  it('deploys with the seed’s bodies and Kaari’s forms, and no other organisation’s bodies', async () => {
    const seed = JSON.parse(await read('processes/organisations/tampere-2007.json')) as { bodies: Array<{ code: string; escalatesTo?: string }> };
    const bodies = new Set(seed.bodies.map((b) => b.code));
    const result = await validateBpmn(await read('processes/purchaser-provider-cycle.bpmn'), bodies, new Set(FORMS.map((f) => f.key)));
    expect(result.ok ? [] : result.problems).toEqual([]);
    if (!result.ok) return;
    const byId = new Map(result.userTasks.map((t) => [t.id, t]));
    // Each provider's answer and reports are its own body's tasks; its order is the purchaser group's, named by the task's id.
    for (const provider of PROVIDER_KEYS) {
      expect(byId.get(`order-${provider}`)?.candidateGroups).toEqual(['suunnittelija']);
      expect(byId.get(`respond-${provider}`)?.candidateGroups).toEqual([provider]);
      expect(byId.get(`report-${provider}`)?.candidateGroups).toEqual([provider]);
      // A late provider escalates into the purchaser chain: planner → planning manager → … → the board → the city board.
      expect(seed.bodies.find((b) => b.code === provider)?.escalatesTo).toBe('suunnittelija');
    }
    expect(byId.get('approval')?.candidateGroups).toEqual(['lasten-ja-nuorten-palvelujen-tilaajalautakunta']);
    // Every form of the cycle is used by a step.
    const used = new Set([...result.userTasks.map((t) => t.formKey), 'kaari:purchasing-cycle-start']);
    expect(PURCHASER_PROVIDER_FORMS.map((f) => f.key).filter((k) => !used.has(k))).toEqual([]);
  });

  it('is refused with the Turku seed’s bodies, naming the Tampere bodies it needs', async () => {
    const turku = JSON.parse(await read('processes/organisations/turku-2023.json')) as { bodies: Array<{ code: string }> };
    const result = await validateBpmn(await read('processes/purchaser-provider-cycle.bpmn'), new Set(turku.bodies.map((b) => b.code)));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.every((p) => p.code === 'unknown-body')).toBe(true);
  });
});
