import { useEffect, useId, useState } from 'react';
import type { Body } from '../api';
import { useI18n } from '../i18n/i18n';
import { valueText } from '../lib/form-values';
import { formatCondition, parseCondition } from './condition';
import { dueDateOk } from './due-date';
import type { LintIssue } from './lint';
import { HANDLED_AT_MEETING } from './moddle-extensions';
import { lintText } from '../lib/problems';

/** The parts of bpmn-js the panel uses. */
export interface ModelerServices {
  modeling: {
    updateProperties(element: DiagramElement, props: Record<string, unknown>): void;
    updateLabel(element: DiagramElement, text: string): void;
  };
  moddle: { create(type: string, attrs?: Record<string, unknown>): unknown };
}

export interface DiagramElement {
  id: string;
  type: string;
  businessObject: {
    id: string;
    name?: string;
    $type: string;
    get(name: string): unknown;
    $instanceOf?(type: string): boolean;
    conditionExpression?: { body?: string };
    sourceRef?: { $type: string; default?: { id: string } };
    isExecutable?: boolean;
  };
  source?: DiagramElement;
}

export interface FormOption {
  key: string;
  label: string;
}

/** A variable a flow condition can test, with the values it takes (from the forms). */
export interface ConditionOption {
  variable: string;
  label: string;
  values: Array<{ value: string | boolean; label: string }>;
}

interface Props {
  element: DiagramElement;
  services: ModelerServices;
  bodies: Body[];
  forms: FormOption[] | null;
  conditions: ConditionOption[];
  issues: LintIssue[];
}

/** Edits what Kaari reads from a diagram: names, candidate bodies, meeting matters, deadlines, forms and flow conditions. */
export function PropertiesPanel({ element, services, bodies, forms, conditions, issues }: Props) {
  const { t, local, bpmnType } = useI18n();
  const bo = element.businessObject;
  const type = bo.$type;
  const update = (props: Record<string, unknown>) => services.modeling.updateProperties(element, props);
  const isTask = type === 'bpmn:UserTask';
  const hasForm = isTask || type === 'bpmn:StartEvent';
  const isFlow = type === 'bpmn:SequenceFlow';
  const isProcess = type === 'bpmn:Process';
  // kaari:nameSv and kaari:nameEn are on processes and flow elements only (KAARI_MODDLE).
  const translatable = isProcess || bo.$instanceOf?.('bpmn:FlowElement') === true;
  const groups = valueText(bo.get('camunda:candidateGroups'))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const fromGateway = isFlow && element.source?.businessObject.$type === 'bpmn:ExclusiveGateway';
  const isDefault = isFlow && element.source?.businessObject.get('default') === bo;
  const formKey = valueText(bo.get('camunda:formKey'));
  const atMeeting = isTask && bo.get('kaari:handledAt') === HANDLED_AT_MEETING;
  return (
    <section className="properties" aria-labelledby="props-h">
      <h2 id="props-h">{t('modeler.properties')}</h2>
      <p className="muted">
        {bpmnType(type)} · <code>{bo.id}</code>
      </p>
      {isProcess && <TextField label={t('modeler.processId')} value={bo.id} help={t('modeler.processIdHelp')} onCommit={(v) => v && update({ id: v })} />}
      <TextField
        label={t('modeler.name')}
        value={bo.name ?? ''}
        onCommit={(v) => (isProcess ? update({ name: v || undefined }) : services.modeling.updateLabel(element, v))}
      />
      {translatable && (
        <TextField
          label={t('modeler.nameSv')}
          value={valueText(bo.get('kaari:nameSv'))}
          help={t('modeler.nameTranslationsHelp')}
          onCommit={(v) => update({ 'kaari:nameSv': v || undefined })}
        />
      )}
      {translatable && (
        <TextField label={t('modeler.nameEn')} value={valueText(bo.get('kaari:nameEn'))} onCommit={(v) => update({ 'kaari:nameEn': v || undefined })} />
      )}
      {isTask && (
        <fieldset className="field">
          <legend>{t('modeler.candidateBodies')}</legend>
          <p className="help">{t('modeler.candidateBodiesHelp')}</p>
          <div className="checklist">
            {bodies.map((b) => (
              <div className="checkbox" key={b.code}>
                <input
                  type="checkbox"
                  id={`cg-${b.code}`}
                  checked={groups.includes(b.code)}
                  onChange={(e) => {
                    const next = e.target.checked ? [...groups, b.code] : groups.filter((g) => g !== b.code);
                    update({ 'camunda:candidateGroups': next.join(',') || undefined });
                  }}
                />
                <label htmlFor={`cg-${b.code}`}>{local(b.name)}</label>
              </div>
            ))}
          </div>
          {groups
            .filter((g) => !bodies.some((b) => b.code === g))
            .map((g) => (
              <p key={g} className="field-error">
                {t('modeler.unknownBody', { code: g })}
              </p>
            ))}
          {atMeeting && groups.length > 1 && <p className="field-error">{t('modeler.meetingOneBody')}</p>}
        </fieldset>
      )}
      {isTask && (
        <div className="field">
          <div className="checkbox">
            <input
              type="checkbox"
              id="prop-meeting"
              checked={atMeeting}
              aria-describedby="prop-meeting-help"
              onChange={(e) => update({ 'kaari:handledAt': e.target.checked ? HANDLED_AT_MEETING : undefined })}
            />
            <label htmlFor="prop-meeting">{t('modeler.handledAtMeeting')}</label>
          </div>
          <p className="help" id="prop-meeting-help">
            {t('modeler.handledAtMeetingHelp')}
          </p>
        </div>
      )}
      {isTask && (
        <TextField
          label={t('modeler.dueDate')}
          value={valueText(bo.get('camunda:dueDate'))}
          help={t('modeler.dueDateHelp')}
          list="due-date-suggestions"
          validate={(v) => (dueDateOk(v) ? null : t('modeler.dueDateInvalid'))}
          onCommit={(v) => update({ 'camunda:dueDate': v || undefined })}
        />
      )}
      <datalist id="due-date-suggestions">
        {['P5WD', 'P10WD', 'P20WD', 'P7D', 'P14D', 'P30D'].map((v) => (
          <option key={v} value={v} />
        ))}
      </datalist>
      {hasForm && (
        <div className="field">
          <label htmlFor="prop-form">{t('modeler.form')}</label>
          {forms ? (
            <select id="prop-form" value={formKey} onChange={(e) => update({ 'camunda:formKey': e.target.value || undefined })}>
              <option value="">{t('modeler.noForm')}</option>
              {formKey && !forms.some((f) => f.key === formKey) && <option value={formKey}>{formKey}</option>}
              {forms.map((f) => (
                <option key={f.key} value={f.key}>
                  {f.label}
                </option>
              ))}
            </select>
          ) : (
            <input
              id="prop-form"
              defaultValue={formKey}
              key={`${bo.id}-${formKey}`}
              onBlur={(e) => update({ 'camunda:formKey': e.target.value.trim() || undefined })}
            />
          )}
        </div>
      )}
      {fromGateway && (
        <div className="field checkbox">
          <input
            type="checkbox"
            id="prop-default"
            checked={isDefault}
            onChange={(e) => services.modeling.updateProperties(element.source!, { default: e.target.checked ? bo : undefined })}
          />
          <label htmlFor="prop-default">{t('modeler.defaultFlow')}</label>
        </div>
      )}
      {fromGateway && !isDefault && (
        <ConditionBuilder
          body={bo.conditionExpression?.body ?? ''}
          options={conditions}
          onCommit={(v) => update({ conditionExpression: services.moddle.create('bpmn:FormalExpression', { body: v }) })}
        />
      )}
      {fromGateway && !isDefault && (
        <TextField
          label={t('modeler.conditionExpression')}
          value={bo.conditionExpression?.body ?? ''}
          help={t('modeler.conditionHelp')}
          validate={(v) => (!v || /^\$\{environment\.variables\..+\}$/.test(v) ? null : t('modeler.conditionInvalid'))}
          onCommit={(v) => update({ conditionExpression: v ? services.moddle.create('bpmn:FormalExpression', { body: v }) : undefined })}
        />
      )}
      {isProcess && (
        <div className="field checkbox">
          <input type="checkbox" id="prop-executable" checked={bo.isExecutable === true} onChange={(e) => update({ isExecutable: e.target.checked })} />
          <label htmlFor="prop-executable">{t('modeler.executable')}</label>
        </div>
      )}
      {issues.length > 0 && (
        <div className="issues">
          <h3>{t('modeler.problemsHere')}</h3>
          <ul>
            {issues.map((i, n) => (
              <li key={n} className={`issue ${i.severity}`}>
                {lintText(i, t)} <span className="muted">({i.source === 'kaari' ? 'Kaari' : i.rule})</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

/**
 * A flow condition picked rather than typed: a variable Kaari's forms set, is or is not, one of
 * its values. A condition of another shape is left to the expression field below it.
 */
function ConditionBuilder({ body, options, onCommit }: { body: string; options: ConditionOption[]; onCommit: (body: string) => void }) {
  const { t } = useI18n();
  const id = useId();
  const parsed = parseCondition(body);
  const [variable, setVariable] = useState(parsed?.variable ?? '');
  const [negate, setNegate] = useState(parsed?.negate ?? false);
  useEffect(() => {
    const p = parseCondition(body);
    setVariable(p?.variable ?? '');
    setNegate(p?.negate ?? false);
  }, [body]);
  // A variable the panel does not know, read from the diagram, is offered as it stands.
  const known = options.find((o) => o.variable === variable);
  const option =
    known ?? (parsed && parsed.variable === variable ? { variable, label: variable, values: [{ value: parsed.value, label: String(parsed.value) }] } : null);
  const current = parsed && parsed.variable === variable ? parsed.value : undefined;
  return (
    <fieldset className="field condition-builder">
      <legend>{t('modeler.condition')}</legend>
      <div className="inline-fields">
        <div>
          <label htmlFor={`${id}-var`}>{t('modeler.conditionVariable')}</label>
          <select id={`${id}-var`} value={variable} onChange={(e) => setVariable(e.target.value)}>
            <option value="">–</option>
            {options.map((o) => (
              <option key={o.variable} value={o.variable}>
                {o.label}
              </option>
            ))}
            {option && !known && <option value={option.variable}>{option.label}</option>}
          </select>
        </div>
        <div>
          <label htmlFor={`${id}-op`}>{t('modeler.conditionOperator')}</label>
          <select
            id={`${id}-op`}
            value={negate ? 'ne' : 'eq'}
            onChange={(e) => {
              const next = e.target.value === 'ne';
              setNegate(next);
              if (current !== undefined) onCommit(formatCondition({ variable, negate: next, value: current }));
            }}
          >
            <option value="eq">{t('modeler.conditionIs')}</option>
            <option value="ne">{t('modeler.conditionIsNot')}</option>
          </select>
        </div>
        <div>
          <label htmlFor={`${id}-val`}>{t('modeler.conditionValue')}</label>
          <select
            id={`${id}-val`}
            value={current === undefined ? '' : String(current)}
            disabled={!option}
            onChange={(e) => {
              const picked = option?.values.find((v) => String(v.value) === e.target.value);
              if (picked) onCommit(formatCondition({ variable, negate, value: picked.value }));
            }}
          >
            <option value="">–</option>
            {option?.values.map((v) => (
              <option key={String(v.value)} value={String(v.value)}>
                {v.label}
              </option>
            ))}
          </select>
        </div>
      </div>
      {body && !parsed && <p className="help">{t('modeler.conditionCustom')}</p>}
    </fieldset>
  );
}

/** A text input that commits on blur or Enter (one undo step per edit, not per keystroke). */
function TextField({
  label,
  value,
  onCommit,
  help,
  list,
  validate,
}: {
  label: string;
  value: string;
  onCommit: (v: string) => void;
  help?: string;
  list?: string;
  validate?: (v: string) => string | null;
}) {
  const id = useId();
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  const error = validate?.(draft.trim()) ?? null;
  const commit = () => {
    if (draft.trim() !== value) onCommit(draft.trim());
  };
  return (
    <div className={`field${error ? ' invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {help && (
        <p className="help" id={`${id}-help`}>
          {help}
        </p>
      )}
      <input
        id={id}
        value={draft}
        list={list}
        aria-invalid={error ? true : undefined}
        aria-describedby={[help ? `${id}-help` : '', error ? `${id}-err` : ''].filter(Boolean).join(' ') || undefined}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            commit();
          }
        }}
      />
      {error && (
        <p className="field-error" id={`${id}-err`}>
          {error}
        </p>
      )}
    </div>
  );
}
