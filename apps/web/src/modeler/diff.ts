import BpmnModdle, { type ModdleElement } from 'bpmn-moddle';
import type { MessageKey } from '../i18n/fi';
import type { Translate } from '../i18n/i18n';
import { valueText } from '../lib/form-values';
import { HANDLED_AT_MEETING, MODDLE_EXTENSIONS } from './moddle-extensions';

export interface ElementSummary {
  id: string;
  type: string;
  name: string;
  attrs: Record<string, string>;
}

export interface Change {
  id: string;
  kind: 'added' | 'removed' | 'changed';
  type: string;
  name: string;
  fields: Array<{ field: string; before: string; after: string }>;
}

const ATTRS = ['candidateGroups', 'candidateUsers', 'assignee', 'dueDate', 'formKey', 'handledAt', 'default', 'isExecutable'] as const;

/** What the properties panel calls a field; a field not here is shown by its BPMN name. */
const FIELD_LABELS: Partial<Record<string, MessageKey>> = {
  name: 'modeler.name',
  candidateGroups: 'modeler.candidateBodies',
  dueDate: 'modeler.dueDate',
  formKey: 'modeler.form',
  handledAt: 'modeler.handledAtMeeting',
  condition: 'modeler.condition',
  isExecutable: 'modeler.executable',
};

/** Fields the panel shows as a checkbox, with the value that ticks it. */
const TICKED: Partial<Record<string, string>> = { handledAt: HANDLED_AT_MEETING, isExecutable: 'true' };

function text(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'object' && 'id' in v) return String((v as { id: string }).id);
  return valueText(v);
}

function summarise(e: ModdleElement): ElementSummary {
  const attrs: Record<string, string> = {};
  for (const a of ATTRS) if (text(e[a])) attrs[a] = text(e[a]);
  for (const [k, v] of Object.entries(e.$attrs ?? {})) if (!k.startsWith('xmlns')) attrs[k] = v;
  const cond = e.conditionExpression as { body?: string } | undefined;
  if (cond?.body) attrs.condition = cond.body.trim();
  if (e.sourceRef) attrs.source = text(e.sourceRef);
  if (e.targetRef) attrs.target = text(e.targetRef);
  const docs = (e.documentation as Array<{ text?: string }> | undefined)?.map((d) => d.text ?? '').join('\n');
  if (docs) attrs.documentation = docs.trim();
  const defs = e.eventDefinitions as ModdleElement[] | undefined;
  if (defs?.length) attrs.eventDefinition = defs.map((d) => d.$type.replace('bpmn:', '')).join(', ');
  return { id: e.id ?? '', type: e.$type.replace('bpmn:', ''), name: (e.name ?? '').trim(), attrs };
}

/** Every process and flow element (subprocesses included), by id. */
export async function elementsOf(xml: string): Promise<Map<string, ElementSummary>> {
  const moddle = new BpmnModdle(MODDLE_EXTENSIONS);
  const { rootElement } = await moddle.fromXML(xml);
  const out = new Map<string, ElementSummary>();
  const walk = (container: ModdleElement) => {
    out.set(container.id ?? '', summarise(container));
    for (const child of (container.flowElements as ModdleElement[] | undefined) ?? []) {
      if (child.flowElements) walk(child);
      else out.set(child.id ?? '', summarise(child));
    }
  };
  for (const root of (rootElement.rootElements as ModdleElement[] | undefined) ?? []) if (root.$type === 'bpmn:Process') walk(root);
  return out;
}

/** What changed from `before` to `after`: elements added, removed, and changed field by field. */
export async function diffDefinitions(before: string, after: string): Promise<Change[]> {
  const [a, b] = await Promise.all([elementsOf(before), elementsOf(after)]);
  const changes: Change[] = [];
  for (const [id, el] of b) {
    const old = a.get(id);
    if (!old) {
      changes.push({ id, kind: 'added', type: el.type, name: el.name, fields: [] });
      continue;
    }
    const fields: Change['fields'] = [];
    if (old.type !== el.type) fields.push({ field: 'type', before: old.type, after: el.type });
    if (old.name !== el.name) fields.push({ field: 'name', before: old.name, after: el.name });
    for (const k of new Set([...Object.keys(old.attrs), ...Object.keys(el.attrs)]))
      if ((old.attrs[k] ?? '') !== (el.attrs[k] ?? '')) fields.push({ field: k, before: old.attrs[k] ?? '', after: el.attrs[k] ?? '' });
    if (fields.length) changes.push({ id, kind: 'changed', type: el.type, name: el.name, fields });
  }
  for (const [id, el] of a) if (!b.has(id)) changes.push({ id, kind: 'removed', type: el.type, name: el.name, fields: [] });
  return changes;
}

/**
 * One changed field as the versions page words it: the panel's label for the field (null: none,
 * show its BPMN name), and a checkbox's value as yes or no.
 */
export function fieldInWords(f: Change['fields'][number], t: Translate): { label: string | null; before: string; after: string } {
  const key = FIELD_LABELS[f.field];
  const label = key ? t(key) : null;
  const ticked = TICKED[f.field];
  if (ticked === undefined) return { label, before: f.before, after: f.after };
  // A value that is neither (a hand-edited file) is shown as it stands.
  const yesNo = (v: string) => (v === ticked ? t('common.yes') : v === '' || (ticked === 'true' && v === 'false') ? t('common.no') : v);
  return { label, before: yesNo(f.before), after: yesNo(f.after) };
}
