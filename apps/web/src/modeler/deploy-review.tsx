import { useEffect, useRef } from 'react';
import { useI18n } from '../i18n/i18n';
import { lintText, type ProblemContext } from '../lib/problems';
import { ChangedFields } from './changed-fields';
import type { Change } from './diff';
import type { LintIssue } from './lint';

interface Props {
  /** The running version, or null when the process has none yet. */
  running: number | null;
  /** The changes from the running version; null while they are worked out. */
  changes: Change[] | null;
  warnings: LintIssue[];
  ctx: ProblemContext;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/** What a deploy would change, with the diagram's warnings, shown before the admin confirms it. */
export function DeployReview({ running, changes, warnings, ctx, busy, onConfirm, onCancel }: Props) {
  const { t } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="card deploy-review" aria-labelledby="deploy-review-h">
      <h2 id="deploy-review-h" tabIndex={-1} ref={heading}>
        {t('modeler.confirmTitle')}
      </h2>
      {running === null ? (
        <p>{t('modeler.confirmFirst')}</p>
      ) : (
        <>
          <h3>{t('modeler.confirmChanges', { version: running })}</h3>
          {changes === null ? (
            <p className="muted">{t('common.loading')}</p>
          ) : changes.length === 0 ? (
            <p className="muted">{t('versions.same')}</p>
          ) : (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('versions.element')}</th>
                    <th scope="col">{t('versions.change')}</th>
                    <th scope="col">{t('versions.details')}</th>
                  </tr>
                </thead>
                <tbody>
                  {changes.map((c) => (
                    <tr key={c.id} className={`diff-${c.kind}`}>
                      <th scope="row">{c.name || c.id}</th>
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
        </>
      )}
      {warnings.length > 0 && (
        <>
          <h3>{t('modeler.confirmWarnings', { n: warnings.length })}</h3>
          <ul className="deploy-warnings">
            {warnings.map((w, n) => (
              <li key={n} className="issue warn">
                {lintText(w, t, ctx)}
              </li>
            ))}
          </ul>
        </>
      )}
      <div className="actions">
        <button type="button" className="primary" onClick={onConfirm} disabled={busy}>
          {t('modeler.confirmDeploy')}
        </button>
        <button type="button" onClick={onCancel} disabled={busy}>
          {t('modeler.confirmCancel')}
        </button>
      </div>
    </section>
  );
}
