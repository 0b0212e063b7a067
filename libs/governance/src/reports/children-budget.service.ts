import { Injectable } from '@nestjs/common';
import { isDirector, type Actor } from '@kaari/common/actor.js';
import { forbidden } from '@kaari/common/errors.js';
import { InstanceService } from '@kaari/engine/instances/instance.service.js';
import { ServiceInventoryService } from '../mapping/service-inventory.service.js';
import { childrenBudget, type ChildrenBudget } from './children-budget.js';

export type ChildrenBudgetReport = ChildrenBudget & {
  /** `sharedServices`: services mapped in more than one case, counted once across cases. */
  scope: { instanceId: string | null; instances: number; sharedServices?: number };
};

/** The children's budget from the service inventories: of one case, or of every case (directors). */
@Injectable()
export class ChildrenBudgetService {
  constructor(
    private readonly instances: InstanceService,
    private readonly inventory: ServiceInventoryService,
  ) {}

  async report(actor: Actor, instanceId?: string): Promise<ChildrenBudgetReport> {
    if (instanceId) await this.instances.get(actor, instanceId);
    else if (!isDirector(actor)) throw forbidden('The report across all cases is for directors; ask for one case with instanceId', 'director-only');
    const rows = await this.inventory.rowsOf(instanceId ? [instanceId] : null);
    const instances = new Set(rows.map((r) => r.instanceId)).size;
    if (instanceId) return { scope: { instanceId, instances }, ...childrenBudget(rows) };
    const { counted, sharedServices } = oncePerService(rows);
    return { scope: { instanceId: null, instances, sharedServices }, ...childrenBudget(counted) };
  }
}

type CaseRow = { instanceId: string; updatedAt: Date; service: string; providerType: string; providerName: string };

/**
 * Across cases a service counts once: the same service of the same provider mapped in two
 * cases is one service of the city, so it is taken from the case that mapped it last. Within
 * one case, rows stay as the case mapped them.
 */
export function oncePerService<R extends CaseRow>(rows: R[]): { counted: R[]; sharedServices: number } {
  const key = (r: R) => [r.service, r.providerType, r.providerName].map((s) => s.trim().toLocaleLowerCase('fi')).join('\u0000');
  const latest = new Map<string, R>();
  const cases = new Map<string, Set<string>>();
  for (const r of rows) {
    const k = key(r);
    const had = latest.get(k);
    if (!had || r.updatedAt > had.updatedAt) latest.set(k, r);
    cases.set(k, (cases.get(k) ?? new Set()).add(r.instanceId));
  }
  const counted = rows.filter((r) => latest.get(key(r))!.instanceId === r.instanceId);
  return { counted, sharedServices: [...cases.values()].filter((c) => c.size > 1).length };
}
