import { Module, type OnModuleInit } from '@nestjs/common';
import { DefinitionService } from '@kaari/engine/definitions/definition.service.js';
import { EngineEvents } from '@kaari/engine/engine-events.js';
import { EngineModule } from '@kaari/engine/engine.module.js';
import { InstanceService } from '@kaari/engine/instances/instance.service.js';
import { TaskService } from '@kaari/engine/tasks/task.service.js';
import { TimerService } from '@kaari/engine/time/timer.service.js';
import { BodyService } from './body.service.js';
import { CaseStartPolicy } from './cases/case-start.policy.js';
import { CaseService } from './cases/case.service.js';
import { APPEAL_TIMER, DecisionService } from './decisions/decision.service.js';
import { DecisionAuthority } from './forms/decision-authority.js';
import { FormCompletionPolicy } from './forms/form-completion.policy.js';
import { FormService } from './forms/form.service.js';
import { ServiceInventoryService } from './mapping/service-inventory.service.js';
import { MeetingService } from './meetings/meeting.service.js';
import { NotificationService } from './notification.service.js';
import { OrganisationSeeder } from './organisation-seeder.js';
import { PurchasingPolicy } from './purchasing/purchasing.policy.js';
import { PurchasingReportService } from './purchasing/purchasing-report.service.js';
import { ChildrenBudgetService } from './reports/children-budget.service.js';
import { TaskAssignment } from './tasks/task-assignment.js';
import { TASK_ESCALATION, TASK_OVERDUE, TASK_REMINDER, TaskDeadlines } from './tasks/task-deadlines.js';
import { TaskDrafts } from './tasks/task-drafts.js';

/**
 * Governance on top of the engine: steering bodies and their escalation chains, notifications,
 * task hand-overs and deadlines, forms, cases with diary numbers, the service inventory, the child
 * impact gate, meetings where bodies decide, decision records with appeal periods, and the children's budget. It plugs into the
 * engine through its ports, all in one place below, so the engine knows none of it. The api and
 * the worker both import it.
 */
@Module({
  imports: [EngineModule],
  providers: [
    BodyService,
    OrganisationSeeder,
    NotificationService,
    TaskAssignment,
    TaskDeadlines,
    FormService,
    CaseService,
    ServiceInventoryService,
    DecisionService,
    MeetingService,
    ChildrenBudgetService,
    FormCompletionPolicy,
    PurchasingPolicy,
    PurchasingReportService,
    CaseStartPolicy,
    DecisionAuthority,
    TaskDrafts,
  ],
  exports: [
    BodyService,
    OrganisationSeeder,
    NotificationService,
    TaskAssignment,
    FormService,
    CaseService,
    ServiceInventoryService,
    DecisionService,
    MeetingService,
    ChildrenBudgetService,
    PurchasingReportService,
    TaskDrafts,
  ],
})
export class GovernanceModule implements OnModuleInit {
  constructor(
    private readonly definitions: DefinitionService,
    private readonly instances: InstanceService,
    private readonly tasks: TaskService,
    private readonly timers: TimerService,
    private readonly events: EngineEvents,
    private readonly bodies: BodyService,
    private readonly forms: FormService,
    private readonly startPolicy: CaseStartPolicy,
    private readonly completionPolicy: FormCompletionPolicy,
    private readonly purchasingPolicy: PurchasingPolicy,
    private readonly decisionAuthority: DecisionAuthority,
    private readonly decisions: DecisionService,
    private readonly assignment: TaskAssignment,
    private readonly deadlines: TaskDeadlines,
    private readonly drafts: TaskDrafts,
  ) {}

  onModuleInit(): void {
    // What a diagram may name: steering bodies as candidate groups, and the forms kept here.
    this.definitions.useCandidateGroups(this.bodies);
    this.definitions.useForms(new Set(this.forms.list().map((f) => f.key)));
    // Starting a case, completing a form, and who decides a body's decision.
    this.instances.addStartPolicy(this.startPolicy);
    this.tasks.addPolicy(this.completionPolicy);
    this.tasks.addPolicy(this.purchasingPolicy);
    // A completed task's drafts go with it, in the completion's transaction.
    this.tasks.addPolicy(this.drafts);
    this.tasks.addAuthority(this.decisionAuthority);
    // Deadlines: armed when a task is made, fired as three timer kinds; the appeal period of a decision.
    this.events.on('task.created', (event) => this.deadlines.onCreated(event));
    this.timers.register(TASK_REMINDER, (ctx) => this.deadlines.remind(ctx));
    this.timers.register(TASK_OVERDUE, (ctx) => this.deadlines.markOverdue(ctx));
    this.events.on('task.overdue', (event) => this.deadlines.onOverdue(event));
    this.timers.register(TASK_ESCALATION, (ctx) => this.deadlines.escalate(ctx));
    this.timers.register(APPEAL_TIMER, (ctx) => this.decisions.onAppealTimer(ctx));
    // The new holder of a task hears of it.
    this.events.on('task.reassigned', (event) => this.assignment.onReassigned(event));
  }
}
