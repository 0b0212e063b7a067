import { Injectable } from '@nestjs/common';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { DomainError, notFound, type ProblemItem } from '@kaari/common/errors.js';
import { CASE_FORMS, SERVICE_ROW } from './case-forms.js';
import { CHILD_IMPACT_FORMS } from './child-impact-forms.js';
import { assessmentProblems } from './child-impact-rules.js';
import { PURCHASER_PROVIDER_FORMS } from '../purchasing/purchaser-provider-forms.js';
import type { FormDefinition, Labels } from './form-labels.js';

// ajv-formats is CommonJS: its default export arrives as the module object under NodeNext.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (ajv: Ajv2020) => Ajv2020;

export const FORMS: FormDefinition[] = [...CASE_FORMS, ...CHILD_IMPACT_FORMS, ...PURCHASER_PROVIDER_FORMS];

/** Rules JSON Schema cannot state (one field against another), per form. */
const EXTRA_RULES: Record<string, (data: Record<string, unknown>) => ProblemItem[]> = {
  'kaari:child-impact-assessment': assessmentProblems,
};

export interface FormSummary {
  key: string;
  title: Labels;
  description: Labels;
}

/**
 * Kaari's forms: JSON Schemas kept in code, compiled once with ajv (all errors, formats,
 * defaults filled in). Any client renders them from `GET /api/forms/:key`; the server
 * validates every submission against the same schema.
 */
@Injectable()
export class FormService {
  private readonly forms = new Map<string, { definition: FormDefinition; validate: ValidateFunction }>();
  private readonly rowValidator: ValidateFunction;

  constructor() {
    const ajv = new Ajv2020({ allErrors: true, useDefaults: true, verbose: true, strict: true, strictRequired: false, allowUnionTypes: true });
    addFormats(ajv);
    // Annotations for clients (labels, why a rule requires a field, where a field's choices come from), not rules.
    ajv.addVocabulary(['x-labels', 'x-enumLabels', 'x-message', 'x-multiline', 'x-hidden', 'x-reasons', 'x-optionsFrom', 'x-autoId', 'x-requiredIfDiffer']);
    for (const definition of FORMS) this.forms.set(definition.key, { definition, validate: ajv.compile(definition.schema) });
    this.rowValidator = ajv.compile(SERVICE_ROW);
  }

  list(): FormSummary[] {
    return FORMS.map((f) => ({ key: f.key, title: f.title, description: f.description }));
  }

  has(key: string | null | undefined): boolean {
    return !!key && this.forms.has(key);
  }

  /** Whether a task with this form records a decision of its body (see DecisionAuthority). */
  recordsDecision(key: string | null | undefined): boolean {
    return !!key && this.forms.get(key)?.definition.recordsDecisionOfBody === true;
  }

  get(key: string): FormSummary & { schema: Record<string, unknown>; recordsDecisionOfBody: boolean } {
    const form = this.forms.get(key);
    if (!form) throw notFound(`Form ${key}`);
    const { definition } = form;
    return {
      key: definition.key,
      title: definition.title,
      description: definition.description,
      schema: definition.schema,
      recordsDecisionOfBody: definition.recordsDecisionOfBody === true,
    };
  }

  /** Problems of `data` against the form (defaults are filled into `data`); empty when it fits. */
  problems(key: string, data: Record<string, unknown>): ProblemItem[] {
    const form = this.forms.get(key);
    if (!form) throw notFound(`Form ${key}`);
    const valid = form.validate(data);
    const problems = valid ? [] : toProblems(form.validate.errors ?? []);
    return dedupe([...problems, ...(EXTRA_RULES[key]?.(data) ?? [])]);
  }

  /** Validates `data` against the form, throwing INVALID_FORM_DATA (422) with every problem, field by field. */
  assertValid(key: string, data: Record<string, unknown>, what = 'The form data'): Record<string, unknown> {
    const problems = this.problems(key, data);
    if (problems.length) throw new DomainError('INVALID_FORM_DATA', `${what} does not fit the form ${key}: ${problems.length} problem(s)`, problems);
    return data;
  }

  /** Problems of one service inventory row, paths relative to the row. */
  rowProblems(row: unknown): ProblemItem[] {
    return this.rowValidator(row) ? [] : toProblems(this.rowValidator.errors ?? []);
  }
}

function toProblems(errors: ErrorObject[]): ProblemItem[] {
  const out: ProblemItem[] = [];
  for (const e of errors) {
    // An if/then failure is reported by the errors of its `then`; the `if` line says nothing more.
    if (e.keyword === 'if') continue;
    let path = e.instancePath;
    let message = e.message ?? 'is not valid';
    if (e.keyword === 'required') {
      path += `/${(e.params as { missingProperty: string }).missingProperty}`;
      message = 'is required';
    } else if (e.keyword === 'additionalProperties') {
      path += `/${(e.params as { additionalProperty: string }).additionalProperty}`;
      message = 'is not a field of this form';
    } else if (e.keyword === 'enum') {
      message = `must be one of: ${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`;
    } else {
      const custom = (e.parentSchema as { 'x-message'?: string } | undefined)?.['x-message'];
      if (custom) message = custom;
    }
    out.push({ path: path || '/', code: e.keyword, message });
  }
  return out;
}

function dedupe(problems: ProblemItem[]): ProblemItem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.path}\u0000${p.code}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
