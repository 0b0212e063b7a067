import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { InstanceService, InstanceStartPolicy, type BeforeCommit, type StartContext } from '@kaari/engine/instances/instance.service.js';
import { FormService } from '../forms/form.service.js';
import { CaseService, classificationOf } from './case.service.js';

/**
 * Every start: the start form's data is validated (when the diagram names a form Kaari has),
 * and the instance becomes a case with the year's next diary number, in the start transaction.
 * The diary number and classification join the variables, so lists and searches show them;
 * the diary number beside the engine's variables (InstanceService.setVariables), since it is
 * taken after the engine step.
 */
@Injectable()
export class CaseStartPolicy extends InstanceStartPolicy {
  constructor(
    private readonly forms: FormService,
    private readonly cases: CaseService,
    private readonly instances: InstanceService,
  ) {
    super();
  }

  async check(start: StartContext, variables: Record<string, unknown>, em: EntityManager, beforeCommit: BeforeCommit): Promise<Record<string, unknown>> {
    if (start.startFormKey && this.forms.has(start.startFormKey)) this.forms.assertValid(start.startFormKey, variables, 'The start variables');
    // Every start queues for the year's diary number, so it is taken last, after the engine step.
    beforeCommit(async () => {
      const opened = await this.cases.open(em, start.instanceId, { classification: variables.classification, title: variables.title ?? start.businessKey });
      await this.instances.setVariables(em, start.instanceId, { diaryNumber: opened.diaryNumber });
    });
    const { diaryNumber: _given, ...rest } = variables;
    return { ...rest, classification: classificationOf(variables.classification) };
  }
}
