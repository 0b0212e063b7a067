/**
 * Flow conditions as the panel builds them: one process variable compared with one value,
 * `${environment.variables.reviewOutcome == 'returned'}`. Anything else stays an expression
 * the admin edits as text (Kaari's evaluator takes more: README "Reliability and security").
 */
export interface SimpleCondition {
  variable: string;
  negate: boolean;
  value: string | boolean;
}

const SIMPLE = /^\$\{environment\.variables\.([A-Za-z_][A-Za-z0-9_]*) (==|!=) (?:'([^'\\]*)'|(true|false))\}$/;

export function parseCondition(body: string): SimpleCondition | null {
  const m = SIMPLE.exec(body.trim());
  if (!m) return null;
  return { variable: m[1], negate: m[2] === '!=', value: m[4] !== undefined ? m[4] === 'true' : m[3] };
}

export function formatCondition(c: SimpleCondition): string {
  const value = typeof c.value === 'boolean' ? String(c.value) : `'${c.value.replace(/['\\]/g, '')}'`;
  return `\${environment.variables.${c.variable} ${c.negate ? '!=' : '=='} ${value}}`;
}

/**
 * The variables Kaari's forms put into a process for gateways to branch on (README "Forms"):
 * where a form field holds the values, the panel reads them, with their labels, from the
 * form's schema; the others are set by Kaari itself.
 */
export const OUTCOME_VARIABLES: ReadonlyArray<{ variable: string; formKey?: string; field?: string; values?: ReadonlyArray<string | boolean> }> = [
  { variable: 'reviewOutcome', formKey: 'kaari:steering-review', field: 'reviewOutcome' },
  { variable: 'childrenAffected', formKey: 'kaari:child-impact-screening', field: 'childrenAffected' },
  { variable: 'decisionOutcome', formKey: 'kaari:council-decision', field: 'decisionOutcome' },
  { variable: 'appealOutcome', values: ['final', 'review-requested'] },
  { variable: 'childImpactAssessed', values: [true] },
];
