import { Injectable } from '@nestjs/common';
import { isDirector, type Actor } from '@kaari/common/actor.js';
import { forbidden } from '@kaari/common/errors.js';
import { InstanceService } from '@kaari/engine/instances/instance.service.js';
import { ServiceInventoryService } from '../mapping/service-inventory.service.js';
import { childrenBudget, type ChildrenBudget } from './children-budget.js';

export type ChildrenBudgetReport = ChildrenBudget & { scope: { instanceId: string | null; instances: number } };

/** The children's budget from the service inventories: of one case, or of every case (directors). */
@Injectable()
export class ChildrenBudgetService {
  constructor(
    private readonly instances: InstanceService,
    private readonly inventory: ServiceInventoryService,
  ) {}

  async report(actor: Actor, instanceId?: string): Promise<ChildrenBudgetReport> {
    if (instanceId) await this.instances.get(actor, instanceId);
    else if (!isDirector(actor)) throw forbidden('The report across all cases is for directors; ask for one case with instanceId');
    const rows = await this.inventory.rowsOf(instanceId ? [instanceId] : null);
    return { scope: { instanceId: instanceId ?? null, instances: new Set(rows.map((r) => r.instanceId)).size }, ...childrenBudget(rows) };
  }
}
