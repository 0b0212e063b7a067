import { useQueries, useQuery } from '@tanstack/react-query';
import { useMemo, useRef, useState } from 'react';
import { api, ApiError } from '../api';
import { ErrorMessage, Loading, Notice } from '../components/feedback';
import { Layout } from '../components/layout';
import { useI18n } from '../i18n/i18n';
import { CHANGES, queries, useApiMutation, useBodies } from '../lib/queries';
import { Link, useLocation } from '../lib/router';
import { OUTCOME_VARIABLES } from '../modeler/condition';
import { PropertiesPanel, type ConditionOption, type FormOption } from '../modeler/properties-panel';
import { useModeler } from '../modeler/use-modeler';
import { memberlessBodies } from '../modeler/body-members';
import { DeployReview } from '../modeler/deploy-review';
import { diffDefinitions, type Change } from '../modeler/diff';
import { lintText } from '../lib/problems';

const BLANK = (id: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="definitions-${id}" targetNamespace="https://kaari.fi/bpmn">
  <bpmn:process id="${id}" isExecutable="true">
    <bpmn:startEvent id="start" name="Start" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="diagram-${id}">
    <bpmndi:BPMNPlane id="plane-${id}" bpmnElement="${id}">
      <bpmndi:BPMNShape id="start_di" bpmnElement="start"><dc:Bounds x="152" y="102" width="36" height="36" /></bpmndi:BPMNShape>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>`;

/** The running (latest) version of a process, or null when none is deployed. */
async function runningVersion(key: string): Promise<number | null> {
  try {
    return (await api.definition(key)).version;
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  }
}

export function ModelerPage({ params }: { params: Record<string, string> }) {
  const { t, local, bpmnType } = useI18n();
  const bodies = useBodies();
  const from = Number(useLocation().search.get('version')) || null;
  // What the modeler opens is read once per visit, outside the shared cache: a refetch would replace the diagram being edited.
  const source = useQuery({
    queryKey: ['modeler-source', params.key ?? null, from],
    queryFn: async () => {
      if (!params.key) return { xml: BLANK(`process-${Date.now().toString(36)}`), version: 0 };
      const version = from ?? (await api.definition(params.key)).version;
      return { xml: await api.definitionXml(params.key, version), version };
    },
    staleTime: Infinity,
    gcTime: 0,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
  const formList = useQuery(queries.forms()).data;
  const forms = formList ? formList.map((f): FormOption => ({ key: f.key, label: `${local(f.title) || f.key} (${f.key})` })) : null;
  const outcomeForms = useQueries({
    queries: OUTCOME_VARIABLES.map((o) => ({ ...queries.form(o.formKey ?? ''), enabled: !!o.formKey })),
    combine: (r) => r.map((q) => q.data),
  });
  // What flow conditions can test, labelled as the forms label them.
  const conditions = useMemo(
    () =>
      OUTCOME_VARIABLES.map((o, i): ConditionOption | null => {
        if (o.values)
          return {
            variable: o.variable,
            label: t(`modeler.var.${o.variable}` as 'modeler.var.appealOutcome'),
            values: o.values.map((v) => ({ value: v, label: t(`modeler.val.${String(v)}` as 'modeler.val.final') })),
          };
        const field = outcomeForms[i]?.properties?.[o.field!];
        if (!field?.enum) return null;
        const labels = field['x-enumLabels'] ?? {};
        return {
          variable: o.variable,
          label: local(field['x-labels'] ?? '') || o.variable,
          values: field.enum.map((v) => ({ value: String(v), label: local(labels[String(v)] ?? '') || String(v) })),
        };
      }).filter((o): o is ConditionOption => o !== null),
    [outcomeForms, t, local],
  );
  const deployment = useApiMutation(api.deploy, CHANGES.definition);
  const container = useRef<HTMLDivElement>(null);
  const m = useModeler(container, source.data?.xml ?? null);
  const [deployed, setDeployed] = useState<{ version: number; created: boolean; key: string } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // The version the diagram is based on: the one opened, then each one deployed from here.
  const [basedOn, setBasedOn] = useState<number | null>(null);
  const baseVersion = basedOn ?? source.data?.version ?? 0;
  // Before a deploy: the changes from the running version, and the warnings, for the admin to confirm.
  const [review, setReview] = useState<{ running: number | null; changes: Change[] | null } | null>(null);
  const bodyName = (code: string) => local(bodies.find((b) => b.code === code)?.name) || code;
  const memberless = useMemo(() => memberlessBodies(m.elements, bodies), [m.elements, m.revision, bodies]);
  const issues = [...m.issues, ...memberless];

  const askToDeploy = async () => {
    setError(null);
    setDeployed(null);
    try {
      const xml = await m.saveXml();
      const key = /<bpmn:process\b[^>]*\bid="([^"]+)"/.exec(xml)?.[1] ?? params.key;
      const running = key ? await runningVersion(key) : null;
      setReview({ running, changes: running === null ? [] : null });
      if (running !== null && key) setReview({ running, changes: await diffDefinitions(await api.definitionXml(key, running), xml) });
    } catch (e) {
      setReview(null);
      setError(e);
    }
  };

  const deploy = async () => {
    setBusy(true);
    setError(null);
    setDeployed(null);
    try {
      const result = await deployment.mutateAsync(await m.saveXml());
      setDeployed(result);
      setBasedOn(result.version);
      setReview(null);
    } catch (e) {
      setReview(null);
      if (e instanceof ApiError && e.errors.length)
        m.setServerIssues(e.errors.map((p) => ({ elementId: p.path, rule: p.code ?? 'deploy', message: p.message, severity: 'error', source: 'kaari' })));
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const download = async () => {
    const blob = new Blob([await m.saveXml()], { type: 'application/xml' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `${params.key ?? 'process'}.bpmn`;
    a.click();
    URL.revokeObjectURL(a.href);
  };
  const errors = issues.filter((i) => i.severity === 'error').length;
  /** An element as a person knows it: its name, or what it is when it has none (an id is no name). */
  const elementName = (id: string) => {
    const el = m.elements.find((e) => e.businessObject.id === id);
    return el ? el.businessObject.name?.trim() || bpmnType(el.businessObject.$type) : t('modeler.wholeDiagram');
  };
  const selectedIssues = m.selected ? issues.filter((i) => i.elementId === m.selected!.businessObject.id) : [];
  const title = params.key ? t('modeler.title', { key: params.key }) : t('modeler.newTitle');
  return (
    <Layout title={title}>
      <ErrorMessage error={source.error} />
      {source.isLoading && <Loading />}
      <div className="toolbar" role="toolbar" aria-label={t('modeler.toolbar')}>
        <button type="button" className="primary" onClick={() => void askToDeploy()} disabled={busy || !source.data || review !== null}>
          {t('modeler.deploy')}
        </button>
        <button type="button" onClick={() => void m.checkOnServer()} disabled={!source.data}>
          {t('modeler.validate')}
        </button>
        <button type="button" onClick={download} disabled={!source.data}>
          {t('modeler.download')}
        </button>
        {params.key && <Link to={`/admin/processes/${params.key}/versions`}>{t('modeler.versions')}</Link>}
        {baseVersion > 0 && <span className="muted">{t('modeler.editingVersion', { version: baseVersion })}</span>}
      </div>
      {deployed && (
        <Notice>
          {deployed.created ? t('modeler.deployed', { version: deployed.version, key: deployed.key }) : t('modeler.unchanged', { version: deployed.version })}
        </Notice>
      )}
      {review && (
        <DeployReview
          running={review.running}
          changes={review.changes}
          warnings={issues.filter((i) => i.severity === 'warn')}
          ctx={{ bodyName }}
          busy={busy}
          onConfirm={() => void deploy()}
          onCancel={() => setReview(null)}
        />
      )}
      <ErrorMessage error={error} />
      {m.importError && <p className="alert error">{m.importError}</p>}
      <div className="modeler-layout">
        <div className="modeler-main">
          <div ref={container} className="diagram modeler" aria-label={t('modeler.canvas')} aria-describedby="modeler-keys" role="region" />
          <p className="help" id="modeler-keys">
            {t('modeler.keyboardHelp')}
          </p>
          <div className="field">
            <label htmlFor="element-picker">{t('modeler.pickElement')}</label>
            <select id="element-picker" value={m.selected?.id ?? ''} onChange={(e) => m.select(e.target.value)}>
              {m.elements.map((el) => (
                <option key={el.id} value={el.id}>
                  {bpmnType(el.businessObject.$type)}: {el.businessObject.name || el.businessObject.id}
                </option>
              ))}
            </select>
          </div>
        </div>
        <aside className="modeler-side">
          {m.selected && m.services && (
            <PropertiesPanel
              key={m.selected.id}
              element={m.selected}
              services={m.services}
              bodies={bodies}
              forms={forms}
              conditions={conditions}
              issues={selectedIssues}
            />
          )}
        </aside>
      </div>
      <section aria-labelledby="problems-h" className="problems">
        <h2 id="problems-h">
          {t('modeler.problems')} ({issues.length})
        </h2>
        <p role="status" className={errors ? 'alert error' : 'alert success'}>
          {errors ? t('modeler.hasErrors', { n: errors }) : t('modeler.noErrors')}
        </p>
        <ul className="plain">
          {issues.map((i, n) => (
            <li key={n} className={`issue ${i.severity}`}>
              {i.elementId ? (
                <button type="button" className="link" onClick={() => m.select(i.elementId!)}>
                  {elementName(i.elementId)}
                </button>
              ) : (
                <span>{t('modeler.wholeDiagram')}</span>
              )}
              : {lintText(i, t, { bodyName })} <span className="muted">({i.source === 'kaari' ? 'Kaari' : `bpmnlint ${i.rule}`})</span>
            </li>
          ))}
        </ul>
      </section>
    </Layout>
  );
}
