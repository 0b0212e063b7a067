import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '@kaari/common/actor.js';
import { DomainError, type ProblemItem } from '@kaari/common/errors.js';
import type { BeforeCommit } from '@kaari/engine/instances/instance.service.js';
import { TaskCompletionPolicy, type TaskView } from '@kaari/engine/tasks/task.service.js';
import { FormSubmissionEntity } from '@kaari/persistence/governance.entities.js';
import { CaseService } from '../cases/case.service.js';
import { FormService } from '../forms/form.service.js';
import { PROVIDERS } from './product-groups.js';
import {
  agreementOutcomeOf,
  AGREEMENT_APPROVAL_FORM,
  ORDER_RESPONSE_FORM,
  PRODUCTION_EVALUATION_FORM,
  PURCHASING_TASK_FORMS,
  QUARTERLY_REPORT_FORM,
  SERVICE_DEFINITION_FORM,
  SERVICE_ORDER_FORM,
  type MeetingOutcome,
} from './purchaser-provider-forms.js';

type Data = Record<string, unknown>;
interface Line {
  productGroup: string;
  volume: number;
  unitPrice?: number;
}

/** The order task of a provider is `order-<provider body>`: the purchaser group's task, so its body says nothing of the provider. */
export const ORDER_TASK_PREFIX = 'order-';

/** The moment a quarter of `year` ends in Finnish time (the next quarter's first midnight in Helsinki), as an ISO instant. */
export function quarterEndsAt(year: number, quarter: number): string {
  const month = quarter * 3; // 0-based month of the next quarter's first day
  for (const offsetHours of [2, 3]) {
    const candidate = new Date(Date.UTC(year, month, 1) - offsetHours * 3_600_000);
    const hour = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Helsinki', hour: '2-digit', hourCycle: 'h23' }).format(candidate);
    if (hour === '00') return candidate.toISOString();
  }
  return new Date(Date.UTC(year, month, 1)).toISOString();
}

/**
 * The purchaser–provider cycle's forms (processes/purchaser-provider-cycle.bpmn): each completion
 * is validated, kept with the case as a document that knows its agreement year and provider, and
 * only what the diagram branches on goes into the variables — the year, the provider's answer, the
 * board's decision, the quarter and when the next one ends, whether the cycle goes on.
 */
@Injectable()
export class PurchasingPolicy extends TaskCompletionPolicy {
  constructor(
    private readonly forms: FormService,
    private readonly cases: CaseService,
  ) {
    super();
  }

  async check(task: TaskView, data: Data, em: EntityManager, actor: Actor, _beforeCommit: BeforeCommit): Promise<Data | void> {
    const key = task.formKey;
    if (!key || !PURCHASING_TASK_FORMS.has(key)) return;
    this.forms.assertValid(key, data);
    const docs = await em.getRepository(FormSubmissionEntity).find({ where: { instanceId: task.instanceId }, order: { submittedAt: 'ASC', id: 'ASC' } });
    const keep = (document: Data) => this.cases.keepDocument(em, { instanceId: task.instanceId, taskId: task.id, formKey: key, data: document, actor });
    const latest = (formKey: string) => [...docs].reverse().find((d) => d.formKey === formKey)?.data;

    if (key === SERVICE_DEFINITION_FORM) {
      const year = data.year as number;
      const evaluated = latest(PRODUCTION_EVALUATION_FORM)?.year as number | undefined;
      if (evaluated !== undefined && year !== evaluated + 1) {
        refuse([
          {
            path: '/year',
            code: 'year-not-next',
            message: `the cycle evaluated ${evaluated}: the next definition is for ${evaluated + 1}`,
            params: { evaluated, expected: evaluated + 1 },
          },
        ]);
      }
      const seen = new Set<string>();
      const problems: ProblemItem[] = [];
      (data.services as Line[]).forEach((s, i) => {
        if (seen.has(s.productGroup))
          problems.push({
            path: `/services/${i}/productGroup`,
            code: 'duplicate-product-group',
            message: 'each product group is defined once',
            params: { productGroup: s.productGroup },
          });
        seen.add(s.productGroup);
      });
      refuse(problems);
      await keep(data);
      return { cycleYear: year, servicesDefined: seen.size };
    }

    const definition = latest(SERVICE_DEFINITION_FORM);
    const year = definition?.year as number | undefined;
    if (!definition || year === undefined)
      throw new DomainError('CONFLICT', 'The board has not defined the services of the year yet', [
        { path: null, code: 'services-not-defined', message: 'the services are defined first' },
      ]);
    const ofYear = (formKey: string, provider?: string) =>
      docs.filter((d) => d.formKey === formKey && d.data.year === year && (!provider || d.data.provider === provider));

    switch (key) {
      case SERVICE_ORDER_FORM: {
        const provider = task.activityId.startsWith(ORDER_TASK_PREFIX) ? task.activityId.slice(ORDER_TASK_PREFIX.length) : '';
        if (!(provider in PROVIDERS)) {
          throw new DomainError('CONFLICT', `The order task ${task.activityId} names no provider`, [
            {
              path: null,
              code: 'unknown-provider',
              message: `an order task's id is order-<provider body>, one of ${Object.keys(PROVIDERS).join(', ')}`,
              params: { activityId: task.activityId },
            },
          ]);
        }
        const defined = new Set((definition.services as Line[]).map((s) => s.productGroup));
        refuse(
          (data.lines as Line[]).flatMap((l, i) =>
            defined.has(l.productGroup)
              ? []
              : [
                  {
                    path: `/lines/${i}/productGroup`,
                    code: 'not-defined',
                    message: `the board has not defined this product group for ${year}`,
                    params: { productGroup: l.productGroup, year },
                  },
                ],
          ),
        );
        const round = ofYear(SERVICE_ORDER_FORM, provider).length + 1;
        await keep({ ...data, year, provider, round });
        return { orderedFrom: provider };
      }
      case ORDER_RESPONSE_FORM: {
        const provider = task.candidateBodies[0];
        await keep({ ...data, year, provider });
        return { orderResponse: data.response };
      }
      case AGREEMENT_APPROVAL_FORM: {
        const agreementOutcome = agreementOutcomeOf(data.meetingOutcome as MeetingOutcome);
        const agreements = Object.keys(PROVIDERS).flatMap((provider) => {
          const order = ofYear(SERVICE_ORDER_FORM, provider).at(-1)?.data;
          if (!order) return [];
          const lines = order.lines as Line[];
          return [{ provider, round: order.round, euros: Math.round(lines.reduce((s, l) => s + l.volume * (l.unitPrice ?? 0), 0) * 100) / 100 }];
        });
        await keep({ ...data, year, agreementOutcome, agreements });
        return { agreementOutcome, quarter: 0, quarterEndsAt: quarterEndsAt(year, 1) };
      }
      case QUARTERLY_REPORT_FORM: {
        const provider = task.candidateBodies[0];
        const order = ofYear(SERVICE_ORDER_FORM, provider).at(-1)?.data;
        const ordered = new Set(((order?.lines as Line[] | undefined) ?? []).map((l) => l.productGroup));
        refuse(
          (data.lines as Line[]).flatMap((l, i) =>
            ordered.has(l.productGroup)
              ? []
              : [
                  {
                    path: `/lines/${i}/productGroup`,
                    code: 'not-ordered',
                    message: `no order of ${year} from this provider has this product group`,
                    params: { productGroup: l.productGroup, year },
                  },
                ],
          ),
        );
        const quarter = Math.min(ofYear(QUARTERLY_REPORT_FORM, provider).length + 1, 4);
        await keep({ ...data, year, provider, quarter });
        return { quarter, quarterEndsAt: quarter < 4 ? quarterEndsAt(year, quarter + 1) : null };
      }
      case PRODUCTION_EVALUATION_FORM:
        await keep({ ...data, year });
        return { continueNextYear: data.continueNextYear !== false, evaluatedYear: year };
    }
  }
}

function refuse(problems: ProblemItem[]): void {
  if (problems.length) throw new DomainError('INVALID_FORM_DATA', `The form data does not fit the cycle: ${problems.length} problem(s)`, problems);
}
