import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '@kaari/common/actor.js';
import { conflict, DomainError } from '@kaari/common/errors.js';
import type { BeforeCommit } from '@kaari/engine/instances/instance.service.js';
import { TaskCompletionPolicy, type TaskView } from '@kaari/engine/tasks/task.service.js';
import { ASSESSMENT_FORM, CaseService, SCREENING_FORM } from '../cases/case.service.js';
import { DecisionService, type DecisionInput } from '../decisions/decision.service.js';
import { MAPPING_FORM, ServiceInventoryService, type ServiceRow } from '../mapping/service-inventory.service.js';
import { FormService } from './form.service.js';
import { PURCHASING_TASK_FORMS } from '../purchasing/purchaser-provider-forms.js';

type Data = Record<string, unknown>;

export const DECISION_FORM = 'kaari:council-decision';
const REVIEW_FORM = 'kaari:steering-review';
const ENFORCEMENT_FORM = 'kaari:enforcement';

/**
 * A task whose formKey names one of Kaari's forms completes only with data that fits it. The
 * whole data is kept with the case (form_submissions, the service inventory, decision records)
 * and only what gateways and lists need is merged into the process variables.
 */
@Injectable()
export class FormCompletionPolicy extends TaskCompletionPolicy {
  constructor(
    private readonly forms: FormService,
    private readonly cases: CaseService,
    private readonly inventory: ServiceInventoryService,
    private readonly decisions: DecisionService,
  ) {
    super();
  }

  async check(task: TaskView, data: Data, em: EntityManager, actor: Actor, beforeCommit: BeforeCommit): Promise<Data | void> {
    const key = task.formKey;
    // The purchaser–provider cycle's forms are PurchasingPolicy's (libs/governance/src/purchasing).
    if (!key || !this.forms.has(key) || PURCHASING_TASK_FORMS.has(key)) return;
    if (key === DECISION_FORM) return this.decide(task, data, em, actor, beforeCommit);
    this.forms.assertValid(key, data);
    const keep = (document: Data) => this.cases.keepDocument(em, { instanceId: task.instanceId, taskId: task.id, formKey: key, data: document, actor });
    switch (key) {
      case MAPPING_FORM: {
        // The form edits the inventory; it never replaces it (a returned mapping continues from the record).
        const { removedServices, ...mapping } = data;
        if (Array.isArray(data.services) || Array.isArray(removedServices)) {
          await this.inventory.applyEdits(
            em,
            task.instanceId,
            { services: (data.services as Array<ServiceRow & { id?: string }> | undefined) ?? [], removed: (removedServices as string[] | undefined) ?? [] },
            actor,
          );
        }
        const inventory = await this.inventory.view(em, task.instanceId);
        if (!inventory.count) {
          throw new DomainError('INVALID_FORM_DATA', 'The mapping needs at least one service', [
            { path: '/services', code: 'minItems', message: 'map at least one service: send services, PUT /api/instances/:id/services, or import a file' },
          ]);
        }
        await keep({ ...mapping, services: inventory.services });
        return { servicesMapped: inventory.count, mappedEuros: inventory.totalEuros };
      }
      case REVIEW_FORM:
        await keep(data);
        return { reviewOutcome: data.reviewOutcome };
      case SCREENING_FORM:
        await keep(data);
        return { childrenAffected: data.childrenAffected, assessmentScope: data.scope ?? null };
      case ASSESSMENT_FORM: {
        const caseView = await this.cases.find(em, task.instanceId);
        // The mandatory case fields of an assessment (title, diary number, classification) come from the case itself.
        await keep({ ...data, title: caseView?.title ?? null, diaryNumber: caseView?.diaryNumber ?? null, classification: caseView?.classification ?? null });
        return { childImpactAssessed: true };
      }
      case ENFORCEMENT_FORM:
        await keep(data);
        return { enforcedOn: data.enforcedOn };
      default:
        await keep(data);
        return data;
    }
  }

  /**
   * The gate first (the body may not decide before the child impact assessment is signed off),
   * then the form; the record, with the body's next §, last in the transaction: every decision
   * of a body queues for that number, so it is taken after the engine step, not before it.
   */
  private async decide(task: TaskView, data: Data, em: EntityManager, actor: Actor, beforeCommit: BeforeCommit): Promise<Data> {
    const gate = await this.cases.childImpactGate(em, task.instanceId);
    if (!gate.open) throw conflict(`The matter cannot be decided yet: ${gate.detail}`);
    this.forms.assertValid(DECISION_FORM, data);
    const input = data as unknown as DecisionInput;
    this.decisions.assertRecordable(task);
    beforeCommit(async () => {
      const decision = await this.decisions.record(em, task, input, gate.summary, actor);
      await this.cases.keepDocument(em, {
        instanceId: task.instanceId,
        taskId: task.id,
        formKey: DECISION_FORM,
        data: { ...data, decisionId: decision.id },
        actor,
      });
    });
    return { decisionOutcome: input.decisionOutcome };
  }
}
