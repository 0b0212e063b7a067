import { createRequire } from 'node:module';
import BpmnModdle from 'bpmn-moddle';
import { parseIsoDuration } from '@kaari/common/iso-duration.js';
import { checkExpression, hasExpression, isExpression } from '../expressions/safe-expressions.js';
import { HANDLED_AT_MEETING, KAARI_MODDLE } from './kaari-moddle.js';

/*
 * Deploy-time checks of an uploaded diagram. A diagram is user data: it may not run code,
 * and it may not use the patterns bpmn-engine runs wrongly (docs/engine.md), because at
 * run time those only show up as a stalled instance or a dead Node process.
 */

export const MAX_BPMN_BYTES = 2 * 1024 * 1024;
/** Real diagrams nest a dozen levels; the cap keeps recursive consumers of the tree (ours, bpmn-engine's) far from the stack limit. */
export const MAX_BPMN_XML_DEPTH = 100;
const MAX_PROBLEMS = 100;

export type BpmnProblemCode =
  | 'too-large'
  | 'xml-doctype'
  | 'xml-too-deep'
  | 'xml-invalid'
  | 'unknown-element'
  | 'unresolved-reference'
  | 'not-executable'
  | 'invalid-process-id'
  | 'script-task'
  | 'scripted-condition'
  | 'invalid-condition'
  | 'unsafe-expression'
  | 'unsupported-element'
  | 'missing-candidate-body'
  | 'unknown-body'
  | 'unknown-form'
  | 'invalid-due-date'
  | 'invalid-timer'
  | 'invalid-handled-at'
  | 'meeting-task-one-body'
  | 'parallel-join-via-exclusive'
  | 'loop-without-wait'
  | 'no-start-event'
  | 'no-end-event'
  | 'unreachable';

export interface BpmnProblem {
  elementId: string | null;
  code: BpmnProblemCode;
  message: string;
}

export interface BpmnUserTask {
  id: string;
  name: string | null;
  candidateGroups: string[];
  dueDate: string | null;
  formKey: string | null;
}

/** An element's name in the diagram's own language and its translations (kaari:nameSv, kaari:nameEn); null where it has none. */
export interface BpmnName {
  id: string;
  name: string | null;
  sv: string | null;
  en: string | null;
}

export type BpmnValidationResult =
  | { ok: true; processId: string; name: string | null; moddleContext: unknown; userTasks: BpmnUserTask[]; names: BpmnName[] }
  | { ok: false; problems: BpmnProblem[] };

// Moddle elements are dynamic objects; the checks below read them by their BPMN property names.
type El = Record<string, any> & { $type: string };

const camunda = createRequire(import.meta.url)('camunda-bpmn-moddle/resources/camunda.json');

const PROCESS_ID = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
const OFFSET_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const TIME_CYCLE = /^R(\d+)\/(P\S+)$/;

const FLOW_ELEMENTS = new Set([
  'bpmn:StartEvent',
  'bpmn:EndEvent',
  'bpmn:UserTask',
  'bpmn:ManualTask',
  'bpmn:Task',
  'bpmn:ExclusiveGateway',
  'bpmn:ParallelGateway',
  'bpmn:EventBasedGateway',
  'bpmn:IntermediateCatchEvent',
  'bpmn:IntermediateThrowEvent',
  'bpmn:BoundaryEvent',
  'bpmn:SubProcess',
  'bpmn:SequenceFlow',
  'bpmn:DataObject',
  'bpmn:DataObjectReference',
]);
// Groups are drawn by the bpmn-js palette and mean nothing to the engine.
const ARTIFACTS = new Set(['bpmn:TextAnnotation', 'bpmn:Association', 'bpmn:Group']);
const ROOT_ELEMENTS = new Set([
  'bpmn:Process',
  'bpmn:Collaboration',
  'bpmn:Message',
  'bpmn:Signal',
  'bpmn:Error',
  'bpmn:Escalation',
  'bpmn:Category',
  'bpmn:ItemDefinition',
]);
const NOT_GRAPH_NODES = new Set(['bpmn:SequenceFlow', 'bpmn:DataObject', 'bpmn:DataObjectReference']);

/** Event definitions each kind of event may carry; '' stands for none. */
const EVENT_DEFINITIONS: Record<string, { allowed: string[]; required: boolean }> = {
  'bpmn:StartEvent': { allowed: ['Timer', 'Message', 'Signal'], required: false },
  'bpmn:EndEvent': { allowed: ['Terminate', 'Error', 'Escalation', 'Message', 'Signal'], required: false },
  'bpmn:IntermediateCatchEvent': { allowed: ['Timer', 'Message', 'Signal'], required: true },
  'bpmn:IntermediateThrowEvent': { allowed: ['Signal', 'Message'], required: false },
  'bpmn:BoundaryEvent': { allowed: ['Timer', 'Message', 'Signal', 'Error', 'Escalation'], required: true },
};

const UNSUPPORTED_REASONS: Record<string, string> = {
  'bpmn:InclusiveGateway':
    'inclusiveGateway is not supported: bpmn-engine does not join inclusive branches, so everything after the join would run once per branch; use exclusive and parallel gateways',
  'bpmn:ComplexGateway': 'complexGateway is not supported; use exclusive and parallel gateways',
  'bpmn:ServiceTask': 'serviceTask is not supported: a diagram cannot run code in Kaari; use a userTask',
  'bpmn:SendTask': 'sendTask is not supported: a diagram cannot run code in Kaari; use a message throw event or a userTask',
  'bpmn:BusinessRuleTask': 'businessRuleTask is not supported: a diagram cannot run code in Kaari',
  'bpmn:ReceiveTask': 'receiveTask is not supported; use a message intermediateCatchEvent',
  'bpmn:CallActivity': 'callActivity is not supported; model the called process as a subProcess',
  'bpmn:Transaction': 'transaction is not supported; use a subProcess',
  'bpmn:AdHocSubProcess': 'ad-hoc subProcess is not supported; use a subProcess',
};

const CODE_EXTENSIONS = new Set(['camunda:ExecutionListener', 'camunda:TaskListener', 'camunda:Script', 'camunda:Connector']);

/** `knownBodies`: the candidate groups user tasks may name (null: any; no module keeps a directory of them). */
export async function validateBpmn(xml: string, knownBodies: ReadonlySet<string> | null, knownForms?: ReadonlySet<string>): Promise<BpmnValidationResult> {
  const problems = new Problems();
  if (typeof xml !== 'string' || !xml.trim()) return fail('xml-invalid', 'The diagram is empty');
  if (Buffer.byteLength(xml, 'utf8') > MAX_BPMN_BYTES) {
    return fail('too-large', `The diagram is larger than ${MAX_BPMN_BYTES / 1024 / 1024} MB`);
  }
  // Refused unparsed: external entities and entity expansion must never be resolved.
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) return fail('xml-doctype', 'The diagram may not contain a DOCTYPE or ENTITY declaration');
  if (xmlDepthExceeds(xml, MAX_BPMN_XML_DEPTH)) return fail('xml-too-deep', `XML elements are nested deeper than ${MAX_BPMN_XML_DEPTH} levels`);

  let parsed: { rootElement: El; warnings: Array<{ message: string; element?: El; property?: string }> };
  try {
    const moddle = new BpmnModdle({ camunda, kaari: KAARI_MODDLE });
    parsed = await moddle.fromXML(xml);
  } catch (err) {
    return fail('xml-invalid', `The diagram is not a BPMN 2.0 XML document: ${firstLine(err)}`);
  }
  for (const w of parsed.warnings) problems.add(elementIdOf(w.element), ...warningProblem(w.message));

  const definitions = parsed.rootElement;
  const roots: El[] = definitions.rootElements ?? [];
  for (const root of roots) {
    if (!ROOT_ELEMENTS.has(root.$type)) problems.add(root.id, 'unsupported-element', `${localName(root)} is not supported at the top level`);
  }
  const executable = roots.filter((r) => r.$type === 'bpmn:Process' && r.isExecutable === true);
  if (executable.length !== 1) {
    problems.add(null, 'not-executable', `The diagram must contain exactly one process with isExecutable="true"; it has ${executable.length}`);
  }
  const process = executable[0];
  if (process && !PROCESS_ID.test(process.id ?? '')) {
    problems.add(process.id ?? null, 'invalid-process-id', 'The process id must start with a letter and hold at most 64 letters, digits, "_" or "-"');
  }

  checkTree(definitions, problems);
  const userTasks: BpmnUserTask[] = [];
  if (process) {
    checkScope(process, problems, true);
    for (const el of flowNodesDeep(process)) {
      if (el.$type === 'bpmn:UserTask') userTasks.push(checkUserTask(el, knownBodies, problems));
      if (knownForms && typeof el.formKey === 'string' && el.formKey && !knownForms.has(el.formKey)) {
        problems.add(el.id, 'unknown-form', `Form "${el.formKey}" is not known`);
      }
    }
  }

  if (problems.list.length || !process) return { ok: false, problems: problems.list };
  return { ok: true, processId: process.id, name: process.name ?? null, moddleContext: parsed, userTasks, names: namesOf(process) };
}

function fail(code: BpmnProblemCode, message: string): BpmnValidationResult {
  return { ok: false, problems: [{ elementId: null, code, message }] };
}

class Problems {
  readonly list: BpmnProblem[] = [];
  private dropped = 0;

  add(elementId: string | null | undefined, code: BpmnProblemCode, message: string): void {
    if (this.list.length >= MAX_PROBLEMS) {
      this.dropped++;
      this.list[MAX_PROBLEMS - 1] = { elementId: null, code, message: `…and ${this.dropped + 1} more problems` };
      return;
    }
    this.list.push({ elementId: elementId ?? null, code, message });
  }
}

function warningProblem(message: string): [BpmnProblemCode, string] {
  const first = message.split('\n')[0];
  // The Kaari descriptor puts kaari:handledAt on user tasks only; moddle warns of it anywhere else.
  if (message.startsWith('unknown attribute <kaari:handledAt>')) {
    return ['invalid-handled-at', 'kaari:handledAt belongs on a user task only: an event, gateway or other element is not decided at a meeting'];
  }
  if (message.startsWith('unknown attribute')) return ['unknown-element', `${first}: not a BPMN or Camunda attribute (misspelt?)`];
  if (message.startsWith('unresolved reference')) return ['unresolved-reference', `${first}: no element has that id`];
  if (/nested error: (unknown type|unrecognized element)/.test(message)) return ['unknown-element', `${first}: not a BPMN element here`];
  return ['xml-invalid', first];
}

/** Walks every contained element and attribute once: code-bearing elements, allow-lists, expressions. */
function checkTree(definitions: El, problems: Problems): void {
  const stack: Array<{ el: El; ownerId: string | null; via: string }> = [{ el: definitions, ownerId: null, via: '' }];
  while (stack.length) {
    const { el, ownerId, via } = stack.pop()!;
    const id: string | null = typeof el.id === 'string' ? el.id : ownerId;
    checkElement(el, id, via, problems);
    const descriptor = el.$descriptor;
    if (!descriptor || el.$type === 'bpmn:Documentation' || el.$type === 'bpmn:TextAnnotation' || el.$type === 'bpmndi:BPMNDiagram') continue;
    const children: Array<{ el: El; ownerId: string | null; via: string }> = [];
    for (const prop of descriptor.properties as Array<{ name: string; isReference?: boolean }>) {
      if (prop.isReference) continue;
      const value = el[prop.name];
      if (typeof value === 'string') {
        const reason = hasExpression(value) && !el.language ? checkExpression(value) : null;
        if (reason) problems.add(id, 'unsafe-expression', `${prop.name}: ${reason}`);
      }
      for (const child of Array.isArray(value) ? value : [value]) {
        if (child && typeof child === 'object' && typeof child.$type === 'string') children.push({ el: child, ownerId: id, via: prop.name });
      }
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
}

function checkElement(el: El, id: string | null, via: string, problems: Problems): void {
  const type = el.$type;
  if (type === 'bpmn:ScriptTask') {
    problems.add(id, 'script-task', 'Script tasks are refused: a diagram cannot run code in Kaari');
  } else if (via === 'flowElements' && !FLOW_ELEMENTS.has(type)) {
    problems.add(id, 'unsupported-element', UNSUPPORTED_REASONS[type] ?? `${localName(el)} is not supported`);
  } else if (via === 'artifacts' && !ARTIFACTS.has(type)) {
    problems.add(id, 'unsupported-element', `${localName(el)} is not supported`);
  } else if (CODE_EXTENSIONS.has(type)) {
    problems.add(id, 'unsupported-element', `${type} is refused: Kaari runs no listeners, scripts or connectors from a diagram`);
  }
  if (via === 'flowElements' && EVENT_DEFINITIONS[type]) checkEventDefinitions(el, problems);
  if (type === 'bpmn:SequenceFlow' && el.conditionExpression) checkCondition(el, problems);
  if (type === 'bpmn:TimerEventDefinition') checkTimer(el, id, problems);
}

function checkEventDefinitions(event: El, problems: Problems): void {
  const inEventSubProcess = event.$type === 'bpmn:StartEvent' && event.$parent?.triggeredByEvent === true;
  const rule = inEventSubProcess ? { allowed: ['Timer', 'Message', 'Signal', 'Error', 'Escalation'], required: true } : EVENT_DEFINITIONS[event.$type];
  const defs: El[] = event.eventDefinitions ?? [];
  const kinds = defs.map((d) => d.$type.replace(/^bpmn:/, '').replace(/EventDefinition$/, ''));
  const kind = localName(event);
  const allowed = rule.allowed.map((k) => k.toLowerCase()).join(', ');
  if (kinds.length > 1) {
    problems.add(event.id, 'unsupported-element', `${kind} with several event definitions is not supported`);
  } else if (kinds.length === 0 && rule.required) {
    problems.add(event.id, 'unsupported-element', `${kind} needs one of: ${allowed}`);
  } else if (kinds.length === 1 && !rule.allowed.includes(kinds[0])) {
    problems.add(event.id, 'unsupported-element', `${kinds[0].toLowerCase()} ${kind} is not supported; allowed: ${rule.required ? '' : 'none, '}${allowed}`);
  }
}

function checkCondition(flow: El, problems: Problems): void {
  const condition: El = flow.conditionExpression;
  if (condition.$type !== 'bpmn:FormalExpression') {
    problems.add(flow.id, 'scripted-condition', 'A condition must be a formal expression (xsi:type="bpmn:tFormalExpression")');
    return;
  }
  if (condition.language) {
    problems.add(flow.id, 'scripted-condition', `Condition language "${condition.language}" is refused: a diagram cannot run code; write a \${…} expression`);
    return;
  }
  const body = typeof condition.body === 'string' ? condition.body.trim() : '';
  if (!body) {
    problems.add(flow.id, 'invalid-condition', 'The condition is empty');
  } else if (!isExpression(body)) {
    problems.add(flow.id, 'invalid-condition', 'A condition must be one ${…} expression: plain text counts as true whatever it says');
  }
}

function checkTimer(timer: El, id: string | null, problems: Problems): void {
  const set = (['timeDuration', 'timeDate', 'timeCycle'] as const).filter((k) => timer[k]);
  if (set.length !== 1) {
    problems.add(id, 'invalid-timer', 'A timer needs exactly one of timeDuration, timeDate or timeCycle');
    return;
  }
  const expression: El = timer[set[0]];
  const value = typeof expression.body === 'string' ? expression.body.trim() : '';
  if (expression.language) {
    problems.add(id, 'invalid-timer', `Timer language "${expression.language}" is refused: a diagram cannot run code`);
    return;
  }
  // A safe expression is checked when the timer starts; unsafe ones are reported by the tree walk.
  if (hasExpression(value)) return;
  const valid =
    set[0] === 'timeDuration'
      ? isCalendarDuration(value)
      : set[0] === 'timeDate'
        ? isOffsetDateTime(value)
        : TIME_CYCLE.test(value) && isCalendarDuration(TIME_CYCLE.exec(value)![2]);
  if (!valid) {
    const expected = {
      timeDuration: 'an ISO 8601 duration such as PT2H or P14D',
      timeDate: 'an ISO 8601 date-time with an offset such as 2025-03-01T09:00:00+02:00',
      timeCycle: 'a repetition such as R3/PT1H',
    }[set[0]];
    problems.add(id, 'invalid-timer', `${set[0]} "${value}" is not ${expected}`);
  }
}

function checkUserTask(task: El, knownBodies: ReadonlySet<string> | null, problems: Problems): BpmnUserTask {
  const raw = typeof task.candidateGroups === 'string' ? task.candidateGroups : '';
  const candidateGroups = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (!candidateGroups.length) {
    problems.add(task.id, 'missing-candidate-body', 'A user task needs camunda:candidateGroups naming the steering bodies that own it');
  } else if (hasExpression(raw)) {
    problems.add(task.id, 'unknown-body', 'camunda:candidateGroups must name steering body codes: expressions there are not resolved');
  } else if (knownBodies) {
    for (const code of candidateGroups) {
      if (!knownBodies.has(code)) problems.add(task.id, 'unknown-body', `Steering body "${code}" does not exist`);
    }
  }
  const dueDate = typeof task.dueDate === 'string' && task.dueDate.trim() ? task.dueDate.trim() : null;
  if (dueDate !== null && !hasExpression(dueDate) && !parseIsoDuration(dueDate) && !isOffsetDateTime(dueDate)) {
    problems.add(
      task.id,
      'invalid-due-date',
      `camunda:dueDate "${dueDate}" is not an ISO 8601 duration (P14D, PT2H, P10WD for working days), a date-time with offset, or an expression`,
    );
  }
  // moddle reads the attribute as a string (KAARI_MODDLE); undefined when the task has none.
  const handledAt = typeof task.handledAt === 'string' ? task.handledAt : undefined;
  if (handledAt !== undefined && handledAt !== HANDLED_AT_MEETING) {
    problems.add(
      task.id,
      'invalid-handled-at',
      `kaari:handledAt "${handledAt}" is not "${HANDLED_AT_MEETING}": leave the attribute out for a task a person completes`,
    );
  } else if (handledAt === HANDLED_AT_MEETING && candidateGroups.length > 1) {
    problems.add(
      task.id,
      'meeting-task-one-body',
      `A task handled at a meeting names one body (a meeting is one body's); it names ${candidateGroups.length}: ${candidateGroups.join(', ')}`,
    );
  }
  const formKey = typeof task.formKey === 'string' && task.formKey ? task.formKey : null;
  return { id: task.id, name: task.name ?? null, candidateGroups, dueDate, formKey };
}

/** The process's and its flow elements' names with their translations: every element that has a name or a translation. */
function namesOf(process: El): BpmnName[] {
  const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);
  const out: BpmnName[] = [];
  for (const el of [process, ...flowNodesDeep(process)]) {
    const entry = { id: el.id as string, name: text(el.name), sv: text(el.nameSv), en: text(el.nameEn) };
    if (typeof el.id === 'string' && (entry.name || entry.sv || entry.en)) out.push(entry);
  }
  return out;
}

function isCalendarDuration(value: string): boolean {
  const d = parseIsoDuration(value);
  return d !== null && d.workingDays === 0;
}

function isOffsetDateTime(value: string): boolean {
  return OFFSET_DATE_TIME.test(value) && !Number.isNaN(Date.parse(value));
}

/** Flow nodes of a process and of every subProcess in it, in document order. */
function flowNodesDeep(scope: El): El[] {
  const out: El[] = [];
  for (const el of (scope.flowElements ?? []) as El[]) {
    out.push(el);
    if (el.flowElements) out.push(...flowNodesDeep(el));
  }
  return out;
}

interface Graph {
  nodes: El[];
  byId: Map<string, El>;
  next: Map<string, string[]>;
  /** Sources of the sequence flows into each node. */
  sources: Map<string, El[]>;
  roots: El[];
}

/** Graph checks of one process or subProcess, then of the subProcesses in it. */
function checkScope(scope: El, problems: Problems, isProcess: boolean): void {
  const g = graphOf(scope);
  if (isProcess) {
    if (!g.nodes.some((n) => n.$type === 'bpmn:StartEvent')) problems.add(scope.id, 'no-start-event', 'The process has no start event');
    if (!g.nodes.some((n) => n.$type === 'bpmn:EndEvent')) problems.add(scope.id, 'no-end-event', 'The process has no end event');
  }

  const reached = reachable(g, g.roots, () => true);
  for (const n of g.nodes) {
    if (!reached.has(n.id)) problems.add(n.id, 'unreachable', `${localName(n)} cannot be reached from a start event`);
  }

  for (const n of g.nodes) {
    if (n.$type !== 'bpmn:ParallelGateway') continue;
    const sources = g.sources.get(n.id)!;
    const viaExclusive = sources.filter((src) => src.$type === 'bpmn:ExclusiveGateway');
    if (sources.length > 1 && viaExclusive.length) {
      problems.add(
        n.id,
        'parallel-join-via-exclusive',
        `Parallel join fed by exclusive gateway ${viaExclusive.map((s) => s.id).join(', ')}: bpmn-engine can fire such a join early and then stall; join the parallel branches directly`,
      );
    }
  }

  const waitMemo = new Map<El, boolean>();
  const isWait = (n: El) => waitsAlways(n, waitMemo);
  for (const component of stronglyConnected(g, (n) => !isWait(n))) {
    const ids = component.map((n) => n.id);
    problems.add(
      ids[0],
      'loop-without-wait',
      `Loop through ${ids.slice(0, 10).join(', ')}${ids.length > 10 ? ', …' : ''} has no user task, timer or message wait: it would run forever and overflow the stack`,
    );
  }

  for (const n of g.nodes) if (n.$type === 'bpmn:SubProcess') checkScope(n, problems, false);
}

function graphOf(scope: El): Graph {
  const elements: El[] = scope.flowElements ?? [];
  const nodes = elements.filter((e) => !NOT_GRAPH_NODES.has(e.$type) && typeof e.id === 'string');
  const byId = new Map(nodes.map((n) => [n.id as string, n]));
  const next = new Map<string, string[]>(nodes.map((n) => [n.id, []]));
  const sources = new Map<string, El[]>(nodes.map((n) => [n.id, []]));
  for (const e of elements) {
    const from = e.sourceRef?.id;
    const to = e.targetRef?.id;
    if (e.$type !== 'bpmn:SequenceFlow' || !byId.has(from) || !byId.has(to)) continue;
    next.get(from)!.push(to);
    sources.get(to)!.push(byId.get(from)!);
  }
  for (const n of nodes) if (n.$type === 'bpmn:BoundaryEvent') next.get(n.attachedToRef?.id)?.push(n.id);
  const eventSubProcesses = nodes.filter((n) => n.triggeredByEvent === true);
  const starts = nodes.filter((n) => n.$type === 'bpmn:StartEvent');
  // Without a start event bpmn-elements starts every activity that nothing flows into.
  const entries = starts.length ? starts : nodes.filter((n) => !sources.get(n.id)!.length && n.$type !== 'bpmn:BoundaryEvent' && !n.triggeredByEvent);
  return { nodes, byId, next, sources, roots: [...entries, ...eventSubProcesses] };
}

function reachable(g: Graph, from: El[], enter: (n: El) => boolean): Set<string> {
  const seen = new Set<string>();
  const queue = from.filter(enter).map((n) => n.id as string);
  for (const id of queue) seen.add(id);
  while (queue.length) {
    const id = queue.pop()!;
    for (const to of g.next.get(id) ?? []) {
      if (seen.has(to) || !enter(g.byId.get(to)!)) continue;
      seen.add(to);
      queue.push(to);
    }
  }
  return seen;
}

/** True when running through `node` always stops at a wait state, so a loop through it yields. */
function waitsAlways(node: El, memo: Map<El, boolean>): boolean {
  switch (node.$type) {
    case 'bpmn:UserTask':
    case 'bpmn:ManualTask':
    case 'bpmn:ReceiveTask':
    case 'bpmn:EventBasedGateway':
    case 'bpmn:IntermediateCatchEvent':
      return true;
    case 'bpmn:BoundaryEvent':
      return ((node.eventDefinitions ?? []) as El[]).some((d) => /Timer|Message|Signal/.test(d.$type));
    case 'bpmn:SubProcess': {
      const known = memo.get(node);
      if (known !== undefined) return known;
      memo.set(node, false);
      // It waits when no path from its start to a node without outgoing flows avoids every wait state.
      const g = graphOf(node);
      const inner = new Map<El, boolean>();
      const fast = reachable(
        g,
        g.roots.filter((n) => !n.triggeredByEvent),
        (n) => !waitsAlways(n, inner),
      );
      const waits = g.nodes.length > 0 && ![...fast].some((id) => !g.next.get(id)!.length);
      memo.set(node, waits);
      return waits;
    }
    default:
      return false;
  }
}

/** Cycles among the nodes `keep` accepts (Tarjan, iterative so a long chain cannot overflow the stack). */
function stronglyConnected(g: Graph, keep: (n: El) => boolean): El[][] {
  const kept = new Set(g.nodes.filter(keep).map((n) => n.id as string));
  const succ = (id: string) => g.next.get(id)!.filter((to) => kept.has(to));
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const cycles: El[][] = [];
  let counter = 0;
  const open = (id: string) => {
    index.set(id, counter);
    low.set(id, counter++);
    stack.push(id);
    onStack.add(id);
  };
  for (const start of kept) {
    if (index.has(start)) continue;
    open(start);
    const work: Array<{ id: string; out: string[]; i: number }> = [{ id: start, out: succ(start), i: 0 }];
    while (work.length) {
      const top = work[work.length - 1];
      if (top.i < top.out.length) {
        const to = top.out[top.i++];
        if (!index.has(to)) {
          open(to);
          work.push({ id: to, out: succ(to), i: 0 });
        } else if (onStack.has(to)) {
          low.set(top.id, Math.min(low.get(top.id)!, index.get(to)!));
        }
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1].id;
        low.set(parent, Math.min(low.get(parent)!, low.get(top.id)!));
      }
      if (low.get(top.id) !== index.get(top.id)) continue;
      const component: string[] = [];
      let id: string;
      do {
        id = stack.pop()!;
        onStack.delete(id);
        component.push(id);
      } while (id !== top.id);
      if (component.length > 1 || top.out.includes(top.id)) {
        const order = new Map(g.nodes.map((n, i) => [n.id as string, i]));
        component.sort((a, b) => order.get(a)! - order.get(b)!);
        cycles.push(component.map((c) => g.byId.get(c)!));
      }
    }
  }
  return cycles;
}

/** Element nesting depth of the raw XML, without building anything. */
function xmlDepthExceeds(xml: string, limit: number): boolean {
  let depth = 0;
  let i = xml.indexOf('<');
  while (i >= 0 && i < xml.length) {
    if (xml.startsWith('<!--', i)) {
      i = skipTo(xml, '-->', i + 4);
    } else if (xml.startsWith('<![CDATA[', i)) {
      i = skipTo(xml, ']]>', i + 9);
    } else if (xml[i + 1] === '?' || xml[i + 1] === '!') {
      i = skipTo(xml, '>', i + 2);
    } else {
      let j = i + 1;
      let quote = '';
      for (; j < xml.length; j++) {
        const c = xml[j];
        if (quote) {
          if (c === quote) quote = '';
        } else if (c === '"' || c === "'") {
          quote = c;
        } else if (c === '>') {
          break;
        }
      }
      if (xml[i + 1] === '/') depth--;
      else if (xml[j - 1] !== '/' && ++depth > limit) return true;
      i = j + 1;
    }
    i = i < 0 ? -1 : xml.indexOf('<', i);
  }
  return false;
}

function skipTo(xml: string, marker: string, from: number): number {
  const at = xml.indexOf(marker, from);
  return at < 0 ? -1 : at + marker.length;
}

function elementIdOf(el: El | undefined): string | null {
  return el && typeof el.id === 'string' ? el.id : null;
}

function localName(el: El): string {
  const name = el.$type.replace(/^\w+:/, '');
  return name[0].toLowerCase() + name.slice(1);
}

function firstLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0];
}
