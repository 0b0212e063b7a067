import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { DiagramViewer } from '../components/diagram-viewer';
import { ErrorMessage, Loading } from '../components/feedback';
import { Layout } from '../components/layout';
import { useI18n } from '../i18n/i18n';
import { queries } from '../lib/queries';
import { Link } from '../lib/router';
import { ChangedFields } from '../modeler/changed-fields';
import { diffDefinitions, type Change } from '../modeler/diff';

/** The versions of one process and what changed between any two of them. */
export function VersionsPage({ params }: { params: Record<string, string> }) {
  const { t, date } = useI18n();
  const def = useQuery(queries.versions(params.key));
  const versions = (def.data ?? []).map((d) => d.version);
  const [from, setFrom] = useState(0);
  const [to, setTo] = useState(0);
  useEffect(() => {
    if (!versions.length) return;
    const latest = Math.max(...versions);
    setTo(latest);
    setFrom(versions.filter((v) => v < latest).sort((a, b) => b - a)[0] ?? latest);
  }, [versions.join(',')]);
  const before = useQuery({ ...queries.definitionXml(params.key, from), enabled: !!from && !!to });
  const after = useQuery({ ...queries.definitionXml(params.key, to), enabled: !!from && !!to });
  const diff = useQuery({
    queryKey: ['definitions', params.key, 'diff', from, to],
    queryFn: async () => ({ before: before.data!, after: after.data!, changes: await diffDefinitions(before.data!, after.data!) }),
    enabled: before.data !== undefined && after.data !== undefined,
    staleTime: Infinity,
    placeholderData: keepPreviousData,
  });
  const marks = (changes: Change[], side: 'before' | 'after') =>
    Object.fromEntries(changes.filter((c) => (side === 'before' ? c.kind !== 'added' : c.kind !== 'removed')).map((c) => [c.id, c.kind]));
  const legend = (['added', 'removed', 'changed'] as const).map((mark) => ({ mark, label: t(`diff.${mark}`) }));
  return (
    <Layout title={t('versions.title', { key: params.key })}>
      <p>
        <Link to={`/admin/modeler/${params.key}`}>{t('versions.edit')}</Link>
      </p>
      <ErrorMessage error={def.error} />
      {def.isLoading && <Loading />}
      {versions.length > 0 && (
        <form className="filters" onSubmit={(e) => e.preventDefault()}>
          {(
            [
              ['v-from', t('versions.from'), from, setFrom],
              ['v-to', t('versions.to'), to, setTo],
            ] as const
          ).map(([id, label, value, set]) => (
            <div className="field" key={id}>
              <label htmlFor={id}>{label}</label>
              <select id={id} value={value} onChange={(e) => set(Number(e.target.value))}>
                {[...versions]
                  .sort((a, b) => b - a)
                  .map((v) => (
                    <option key={v} value={v}>
                      {t('versions.version', { v })}
                    </option>
                  ))}
              </select>
            </div>
          ))}
        </form>
      )}
      {def.data && (
        <div className="table-wrap">
          <table>
            <caption>{t('versions.list')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('processes.version')}</th>
                <th scope="col">{t('versions.deployed')}</th>
                <th scope="col">{t('common.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {def.data.map((d) => (
                <tr key={d.version}>
                  <th scope="row">{t('versions.version', { v: d.version })}</th>
                  <td>
                    {date(d.deployedAt)} {d.deployedBy && <span className="muted">({d.deployedBy})</span>}
                  </td>
                  <td>
                    <Link to={`/admin/modeler/${params.key}?version=${d.version}`}>{t('versions.editFrom', { v: d.version })}</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ErrorMessage error={before.error ?? after.error ?? diff.error} />
      {diff.data && (
        <>
          <section aria-labelledby="changes-h">
            <h2 id="changes-h">{t('versions.changes', { from, to })}</h2>
            {diff.data.changes.length === 0 ? (
              <p className="muted">{t('versions.same')}</p>
            ) : (
              <div className="table-wrap">
                <table>
                  <caption className="sr-only">{t('versions.changes', { from, to })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('versions.element')}</th>
                      <th scope="col">{t('versions.change')}</th>
                      <th scope="col">{t('versions.details')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {diff.data.changes.map((c) => (
                      <tr key={c.id} className={`diff-${c.kind}`}>
                        <th scope="row">
                          {c.name || c.id}{' '}
                          <span className="muted">
                            ({c.type}, <code>{c.id}</code>)
                          </span>
                        </th>
                        <td>{t(`diff.${c.kind}`)}</td>
                        <td>
                          <ChangedFields change={c} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
          <div>
            <section aria-labelledby="before-h">
              <h2 id="before-h">{t('versions.version', { v: from })}</h2>
              <DiagramViewer xml={diff.data.before} marks={marks(diff.data.changes, 'before')} legend={legend} label={t('versions.version', { v: from })} />
            </section>
            <section aria-labelledby="after-h">
              <h2 id="after-h">{t('versions.version', { v: to })}</h2>
              <DiagramViewer xml={diff.data.after} marks={marks(diff.data.changes, 'after')} legend={legend} label={t('versions.version', { v: to })} />
            </section>
          </div>
        </>
      )}
    </Layout>
  );
}
