import type { LintIssue } from './lint';

/** What the check reads of a diagram element (bpmn-js) and of a body (GET /api/bodies). */
interface TaskElement {
  businessObject: { id: string; $type: string; get(name: string): unknown };
}
interface BodyMembers {
  code: string;
  members: unknown[];
}

/**
 * Kaari's warning `body-without-members`: a user task whose body has no members, so nobody can
 * ever claim or complete it (params: the body's code). A body Kaari does not know is the deploy
 * check's refusal (unknown-body), not this.
 */
export function memberlessBodies(elements: TaskElement[], bodies: BodyMembers[]): LintIssue[] {
  return elements.flatMap((el): LintIssue[] => {
    const bo = el.businessObject;
    if (bo.$type !== 'bpmn:UserTask') return [];
    const raw = bo.get('camunda:candidateGroups');
    const codes = (typeof raw === 'string' ? raw : '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    return codes
      .filter((code) => bodies.find((b) => b.code === code)?.members.length === 0)
      .map((code) => ({
        elementId: bo.id,
        rule: 'body-without-members',
        message: `Body ${code} has no members: nobody can do this task`,
        severity: 'warn',
        source: 'kaari',
        params: { body: code },
      }));
  });
}
