import { Module, type OnModuleInit } from '@nestjs/common';
import { DefinitionService } from '@kaari/engine/definitions/definition.service.js';
import { EngineModule } from '@kaari/engine/engine.module.js';
import { InstanceService } from '@kaari/engine/instances/instance.service.js';
import { TaskService } from '@kaari/engine/tasks/task.service.js';
import { TimerService } from '@kaari/engine/time/timer.service.js';
import { CaseStartPolicy } from './cases/case-start.policy.js';
import { CaseService } from './cases/case.service.js';
import { BodyService } from './body.service.js';
import { DecisionService } from './decisions/decision.service.js';
import { DecisionAuthority } from './forms/decision-authority.js';
import { FormCompletionPolicy } from './forms/form-completion.policy.js';
import { FormService } from './forms/form.service.js';
import { GovernanceModule } from './governance.module.js';
import { ServiceInventoryService } from './mapping/service-inventory.service.js';
import { ChildrenBudgetService } from './reports/children-budget.service.js';

/**
 * Governance content on top of the engine: forms, cases with diary numbers, the service
 * inventory, the child impact gate, decision records with appeal periods, and the children's
 * budget. It plugs into the engine through its hooks (start and completion policies, the
 * authority over decision tasks, a timer kind, the known forms that diagrams may name), so the engine knows none of it. The api and the worker both import it.
 */
@Module({
  imports: [EngineModule, GovernanceModule],
  providers: [FormService, CaseService, ServiceInventoryService, DecisionService, ChildrenBudgetService, FormCompletionPolicy, CaseStartPolicy, DecisionAuthority],
  exports: [FormService, CaseService, ServiceInventoryService, DecisionService, ChildrenBudgetService],
})
export class GovernanceContentModule implements OnModuleInit {
  constructor(
    private readonly instances: InstanceService,
    private readonly tasks: TaskService,
    private readonly timers: TimerService,
    private readonly startPolicy: CaseStartPolicy,
    private readonly completionPolicy: FormCompletionPolicy,
    private readonly decisionAuthority: DecisionAuthority,
    private readonly decisions: DecisionService,
    private readonly definitions: DefinitionService,
    private readonly forms: FormService,
    private readonly bodies: BodyService,
  ) {}

  onModuleInit(): void {
    this.instances.addStartPolicy(this.startPolicy);
    this.tasks.addPolicy(this.completionPolicy);
    this.tasks.addAuthority(this.decisionAuthority);
    this.timers.register('appeal-period', (ctx) => this.decisions.onAppealTimer(ctx));
    this.definitions.useForms(new Set(this.forms.list().map((f) => f.key)));
    this.definitions.useCandidateGroups(this.bodies);
  }
}
