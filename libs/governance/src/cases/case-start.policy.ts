import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { InstanceStartPolicy, type StartContext } from '@kaari/engine/instances/instance.service.js';
import { FormService } from '../forms/form.service.js';
import { CaseService } from './case.service.js';

/**
 * Every start: the start form's data is validated (when the diagram names a form Kaari has),
 * and the instance becomes a case with the year's next diary number, in the start transaction.
 * The diary number and classification join the variables, so lists and searches show them.
 */
@Injectable()
export class CaseStartPolicy extends InstanceStartPolicy {
  constructor(
    private readonly forms: FormService,
    private readonly cases: CaseService,
  ) {
    super();
  }

  async check(start: StartContext, variables: Record<string, unknown>, em: EntityManager): Promise<Record<string, unknown>> {
    if (start.startFormKey && this.forms.has(start.startFormKey)) this.forms.assertValid(start.startFormKey, variables, 'The start variables');
    const opened = await this.cases.open(em, start.instanceId, { classification: variables.classification, title: variables.title ?? start.businessKey });
    return { ...variables, diaryNumber: opened.diaryNumber, classification: opened.classification };
  }
}
