/**
 * What the api refused, in the reader's language: every problem item is worded from its `code`
 * and `params` (never from the server's English `message`), and a code the web app does not
 * know yet gets a general sentence that is still in the reader's language.
 */
import type { MessageKey } from '../i18n/fi';
import type { Translate } from '../i18n/i18n';

export interface ProblemLike {
  path?: string | null;
  code?: string | null;
  message?: string;
  params?: Record<string, string | number>;
}

/** What the words of a problem need from the page: names for body codes, times in Helsinki. */
export interface ProblemContext {
  bodyName?: (code: string) => string;
  when?: (iso: string) => string;
}

/** Problem item codes the api sends (errors[].code) and their words. */
export const PROBLEMS = {
  maxItems: 'problem.maxItems',
  minLength: 'problem.minLength',
  maxLength: 'problem.maxLength',
  minimum: 'problem.minimum',
  maximum: 'problem.maximum',
  pattern: 'problem.pattern',
  const: 'problem.const',
  contains: 'problem.contains',
  uniqueItems: 'problem.uniqueItems',
  invalid: 'problem.invalid',
  duplicate: 'problem.duplicate',
  empty: 'problem.empty',
  'unsafe-text': 'problem.unsafeText',
  'too-deep': 'problem.tooDeep',
  'too-many-items': 'problem.tooManyItems',
  'too-many-fields': 'problem.tooManyFields',
  'invalid-name': 'problem.invalidName',
  'invalid-duration': 'problem.invalidDuration',
  'invalid-period': 'problem.invalidPeriod',
  self: 'problem.self',
  'weak-password': 'problem.weakPassword',
  'unknown-body': 'problem.unknownBody',
  'unknown-user': 'problem.unknownUser',
  'not-a-member': 'problem.notAMember',
  'escalation-cycle': 'problem.escalationCycle',
  'body-exists': 'problem.bodyExists',
  'user-exists': 'problem.userExists',
  claimed: 'problem.claimed',
  'task-state': 'problem.taskState',
  'instance-state': 'problem.instanceState',
  'not-a-member-of-body': 'problem.notAMemberOfBody',
  'not-chair-or-director': 'problem.notChairOrDirector',
  'director-only': 'problem.directorOnly',
  'purchasing-report-forbidden': 'problem.purchasingReportForbidden',
  'not-defined': 'problem.notDefined',
  'not-ordered': 'problem.notOrdered',
  'duplicate-product-group': 'problem.duplicateProductGroup',
  'year-not-next': 'problem.yearNotNext',
  'services-not-defined': 'problem.servicesNotDefined',
  'unknown-provider': 'problem.unknownProvider',
  'role-required': 'problem.roleRequired',
  'system-wait': 'problem.systemWait',
  'meeting-matter': 'problem.meetingMatter',
  'not-a-decider': 'problem.notADecider',
  'decision-stays-with-body': 'problem.decisionStaysWithBody',
  'not-decidable-yet': 'problem.notDecidableYet',
  'start-failed': 'problem.startFailed',
  'step-failed': 'problem.stepFailed',
  'no-incident': 'problem.noIncident',
  'idempotency-key-reused': 'problem.idempotencyKeyReused',
  'not-a-mapper': 'problem.notAMapper',
  'unknown-service': 'problem.unknownService',
  'duplicate-service': 'problem.duplicateService',
  'removed-and-changed': 'problem.removedAndChanged',
  'unsupported-format': 'problem.unsupportedFormat',
  unreadable: 'problem.unreadable',
  'missing-column': 'problem.missingColumn',
  'unknown-column': 'problem.unknownColumn',
  'duplicate-column': 'problem.duplicateColumn',
  'too-many-rows': 'problem.tooManyRows',
  'too-many-problems': 'problem.tooManyProblems',
  'unzips-too-large': 'problem.unzipsTooLarge',
  'too-large': 'problem.tooLarge',
  'unknown-alternative': 'problem.unknownAlternative',
  'unknown-group': 'problem.unknownGroup',
  'missing-impact': 'problem.missingImpact',
  'appeal-period-over': 'problem.appealPeriodOver',
  'review-period-ended': 'problem.reviewPeriodEnded',
  'not-waiting-for-appeal': 'problem.notWaitingForAppeal',
  'not-a-review-decision': 'problem.notAReviewDecision',
  'review-decision-goes-to-court': 'problem.reviewDecisionGoesToCourt',
  'no-pending-appeal': 'problem.noPendingAppeal',
  'reasons-required': 'problem.reasonsRequired',
  'wrong-credentials': 'problem.wrongCredentials',
  'too-many-sign-ins': 'problem.tooManySignIns',
  'too-many-changes': 'problem.tooManyChanges',
  'no-sign-in': 'problem.noSignIn',
  'provider-refused': 'problem.providerRefused',
  'answer-refused': 'problem.answerRefused',
} satisfies Record<string, MessageKey>;

/** Codes of the deploy check (POST /api/definitions/validate and deploy). */
export const BPMN_PROBLEMS = {
  'xml-doctype': 'problem.bpmn.xmlDoctype',
  'xml-too-deep': 'problem.bpmn.xmlTooDeep',
  'xml-invalid': 'problem.bpmn.xmlInvalid',
  'unknown-element': 'problem.bpmn.unknownElement',
  'unresolved-reference': 'problem.bpmn.unresolvedReference',
  'not-executable': 'problem.bpmn.notExecutable',
  'invalid-process-id': 'problem.bpmn.invalidProcessId',
  'script-task': 'problem.bpmn.scriptTask',
  'scripted-condition': 'problem.bpmn.scriptedCondition',
  'invalid-condition': 'problem.bpmn.invalidCondition',
  'unsafe-expression': 'problem.bpmn.unsafeExpression',
  'unsupported-element': 'problem.bpmn.unsupportedElement',
  'missing-candidate-body': 'problem.bpmn.missingCandidateBody',
  'unknown-body': 'problem.bpmn.unknownBody',
  'unknown-form': 'problem.bpmn.unknownForm',
  'invalid-due-date': 'problem.bpmn.invalidDueDate',
  'invalid-timer': 'problem.bpmn.invalidTimer',
  'invalid-handled-at': 'problem.bpmn.invalidHandledAt',
  'meeting-task-one-body': 'problem.bpmn.meetingTaskOneBody',
  // The modeler's own warnings (modeler/translations.ts, modeler/body-members.ts), not deploy checks.
  'untranslated-name': 'problem.bpmn.untranslatedName',
  'body-without-members': 'problem.bpmn.bodyWithoutMembers',
  'parallel-join-via-exclusive': 'problem.bpmn.parallelJoinViaExclusive',
  'loop-without-wait': 'problem.bpmn.loopWithoutWait',
  'no-start-event': 'problem.bpmn.noStartEvent',
  'no-end-event': 'problem.bpmn.noEndEvent',
  unreachable: 'problem.bpmn.unreachable',
  'too-complex': 'problem.bpmn.tooComplex',
  'too-large': 'problem.bpmn.tooLarge',
} satisfies Record<string, MessageKey>;

/** bpmnlint's recommended rules, by rule name. */
export const LINT_RULES = {
  'ad-hoc-sub-process': 'problem.lint.adHocSubProcess',
  'conditional-flows': 'problem.lint.conditionalFlows',
  'end-event-required': 'problem.lint.endEventRequired',
  'event-based-gateway': 'problem.lint.eventBasedGateway',
  'event-sub-process-typed-start-event': 'problem.lint.eventSubProcessTypedStartEvent',
  'fake-join': 'problem.lint.fakeJoin',
  global: 'problem.lint.global',
  'label-required': 'problem.lint.labelRequired',
  'link-event': 'problem.lint.linkEvent',
  'no-bpmndi': 'problem.lint.noBpmndi',
  'no-complex-gateway': 'problem.lint.noComplexGateway',
  'no-disconnected': 'problem.lint.noDisconnected',
  'no-duplicate-sequence-flows': 'problem.lint.noDuplicateSequenceFlows',
  'no-gateway-join-fork': 'problem.lint.noGatewayJoinFork',
  'no-implicit-split': 'problem.lint.noImplicitSplit',
  'no-implicit-end': 'problem.lint.noImplicitEnd',
  'no-implicit-start': 'problem.lint.noImplicitStart',
  'no-inclusive-gateway': 'problem.lint.noInclusiveGateway',
  'no-overlapping-elements': 'problem.lint.noOverlappingElements',
  'single-blank-start-event': 'problem.lint.singleBlankStartEvent',
  'single-event-definition': 'problem.lint.singleEventDefinition',
  'start-event-required': 'problem.lint.startEventRequired',
  'sub-process-blank-start-event': 'problem.lint.subProcessBlankStartEvent',
  'superfluous-gateway': 'problem.lint.superfluousGateway',
  'superfluous-label': 'problem.lint.superfluousLabel',
  'superfluous-termination': 'problem.lint.superfluousTermination',
} satisfies Record<string, MessageKey>;

/** JSON Schema keywords a form field failed, worded like the form does. */
const FORM_KEYWORDS = {
  required: 'form.error.required',
  enum: 'form.error.enum',
  format: 'form.error.format',
  type: 'form.error.type',
  minItems: 'form.error.minItems',
  additionalProperties: 'form.error.additionalProperties',
} satisfies Record<string, MessageKey>;

const STATUS = {
  400: 'problem.status.400',
  401: 'problem.status.401',
  403: 'problem.status.403',
  404: 'problem.status.404',
  409: 'problem.status.409',
  413: 'problem.status.413',
  422: 'problem.status.422',
  429: 'problem.status.429',
  500: 'problem.status.500',
  503: 'problem.status.503',
} satisfies Record<number, MessageKey>;

const STATES = {
  open: 'state.open',
  running: 'state.running',
  completed: 'state.completed',
  cancelled: 'state.cancelled',
  failed: 'state.failed',
} satisfies Record<string, MessageKey>;

const ROLES = {
  admin: 'role.admin',
  director: 'role.director',
  auditor: 'role.auditor',
} satisfies Record<string, MessageKey>;

const has = <T extends object>(map: T, key: string): key is Extract<keyof T, string> => Object.prototype.hasOwnProperty.call(map, key);

/** The sentence for one status when the problem names no code the web app knows. */
export function statusText(status: number, t: Translate): string {
  return has(STATUS, String(status)) ? t(STATUS[status as keyof typeof STATUS]) : t('problem.status.other');
}

/** The params as the words need them: bodies by name, states and roles in words, instants in Helsinki time. */
const LANGUAGE_NAMES = { sv: 'problem.bpmn.langSv', en: 'problem.bpmn.langEn' } as const satisfies Record<string, MessageKey>;

function vars(params: Record<string, string | number>, t: Translate, ctx: ProblemContext): Record<string, string | number> {
  const out: Record<string, string | number> = { ...params };
  if (typeof params.languages === 'string')
    out.languages = params.languages
      .split(',')
      .map((l) => (has(LANGUAGE_NAMES, l) ? t(LANGUAGE_NAMES[l]) : l))
      .join(', ');
  const body = (c: string) => ctx.bodyName?.(c) ?? c;
  if (typeof params.body === 'string') out.body = body(params.body);
  if (typeof params.bodies === 'string')
    out.bodies = params.bodies
      .split(',')
      .filter(Boolean)
      .map((c) => body(c))
      .join(', ');
  if (typeof params.state === 'string' && has(STATES, params.state)) out.state = t(STATES[params.state]);
  if (typeof params.roles === 'string')
    out.roles = params.roles
      .split(',')
      .map((r) => (has(ROLES, r) ? t(ROLES[r]) : r))
      .join(' / ');
  for (const k of ['endedAt', 'opensAt', 'closesAt']) if (typeof params[k] === 'string') out[k] = ctx.when ? ctx.when(String(params[k])) : String(params[k]);
  return out;
}

/** The row a problem is about, when its path names one (`row 12`, `/services/3/euros`). */
function rowOf(path: string | null | undefined): number | null {
  if (!path) return null;
  const named = /^row (\d+)$/.exec(path);
  if (named) return Number(named[1]);
  const index = /^\/?(?:services|rows)[/.[](\d+)/.exec(path);
  return index ? Number(index[1]) + 1 : null;
}

/** One problem item in words. `bpmn` for the deploy check's codes, which share some names with other refusals. */
export function problemText(item: ProblemLike, t: Translate, ctx: ProblemContext = {}, kind: 'api' | 'bpmn' = 'api'): string {
  const code = item.code ?? '';
  const params = vars(item.params ?? {}, t, ctx);
  let text: string;
  if (kind === 'bpmn' && has(BPMN_PROBLEMS, code)) text = t(BPMN_PROBLEMS[code], params);
  else if (code === 'claimed' && !item.params?.assignee) text = t('problem.claimedByOther');
  else if (has(PROBLEMS, code)) text = t(PROBLEMS[code], params);
  else if (has(FORM_KEYWORDS, code)) text = t(FORM_KEYWORDS[code]);
  else if (has(BPMN_PROBLEMS, code)) text = t(BPMN_PROBLEMS[code], params);
  else text = kind === 'bpmn' ? t('problem.bpmn.unknown') : t('problem.unknown');
  const row = rowOf(item.path);
  return row !== null ? t('problem.row', { n: row, text }) : text;
}

/** A lint or deploy-check finding of the modeler in words: Kaari's by its code, bpmnlint's by its rule. */
export function lintText(
  issue: { rule: string; source: 'bpmnlint' | 'kaari'; params?: Record<string, string> },
  t: Translate,
  ctx: ProblemContext = {},
): string {
  if (issue.source === 'kaari') return problemText({ code: issue.rule, params: issue.params }, t, ctx, 'bpmn');
  return has(LINT_RULES, issue.rule) ? t(LINT_RULES[issue.rule]) : t('problem.lint.unknown');
}

/**
 * A refusal as the alert shows it: a headline and the items under it, every line in the reader's
 * language. A refusal of one item without a field (a coded conflict) is said in that item's words alone.
 */
export function refusalLines(error: { status: number; errors: ProblemLike[] }, t: Translate, ctx: ProblemContext = {}): { headline: string; items: string[] } {
  const items = [...new Set(error.errors.map((e) => problemText(e, t, ctx)))];
  const single = error.errors.length === 1 && !error.errors[0].path;
  if (single && error.errors[0].code && (has(PROBLEMS, error.errors[0].code) || has(BPMN_PROBLEMS, error.errors[0].code)))
    return { headline: items[0], items: [] };
  return { headline: statusText(error.status, t), items };
}
