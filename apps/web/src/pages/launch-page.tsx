import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { api } from '../api';
import { ErrorMessage, Loading } from '../components/feedback';
import { FormRunner } from '../components/form-runner';
import { Layout } from '../components/layout';
import { useI18n } from '../i18n/i18n';
import { CHANGES, queries, useApiMutation } from '../lib/queries';
import { navigate } from '../lib/router';

/** The director starts a process: choose it, give the case number, fill its start form. */
export function LaunchPage() {
  const { t } = useI18n();
  const definitions = useQuery(queries.definitions());
  const [key, setKey] = useState('');
  const [businessKey, setBusinessKey] = useState('');
  // One key per attempt: a double submit or a retry after a network error starts one instance.
  const idempotencyKey = useMemo(() => `web-${crypto.randomUUID()}`, [key]);
  const start = useApiMutation((input: Parameters<typeof api.start>[0]) => api.start(input, idempotencyKey), CHANGES.instance);
  const defs = definitions.data ?? [];
  const chosen = defs.find((d) => d.key === key) ?? (defs.length === 1 ? defs[0] : undefined);
  return (
    <Layout title={t('launch.title')}>
      <ErrorMessage error={definitions.error} />
      {definitions.isPending ? (
        <Loading />
      ) : (
        <div className="card">
          <div className="field">
            <label htmlFor="launch-process">{t('common.process')}</label>
            <select id="launch-process" value={chosen?.key ?? ''} onChange={(e) => setKey(e.target.value)}>
              <option value="">{t('form.choose')}</option>
              {defs.map((d) => (
                <option key={d.key} value={d.key}>
                  {d.name ?? d.key} (v{d.version})
                </option>
              ))}
            </select>
          </div>
          {chosen && (
            <FormRunner
              key={chosen.key}
              formKey={chosen.startFormKey}
              idPrefix="start"
              fallbackKeys={['title']}
              submitLabel={t('launch.submit')}
              onSubmit={async (variables) => {
                const instance = await start.mutateAsync({ definitionKey: chosen.key, businessKey: businessKey.trim() || undefined, variables });
                navigate(`/instances/${instance.id}?started=1`);
              }}
            >
              <div className="field">
                <label htmlFor="launch-business-key">{t('launch.businessKey')}</label>
                <p id="launch-business-key-help" className="help">
                  {t('launch.businessKeyHelp')}
                </p>
                <input
                  id="launch-business-key"
                  aria-describedby="launch-business-key-help"
                  value={businessKey}
                  onChange={(e) => setBusinessKey(e.target.value)}
                />
              </div>
            </FormRunner>
          )}
        </div>
      )}
    </Layout>
  );
}
