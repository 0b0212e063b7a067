import { useQuery } from '@tanstack/react-query';
import { bodyName } from '../components/badges';
import { BodyForm } from '../components/body-form';
import { ErrorMessage, Loading } from '../components/feedback';
import { Layout } from '../components/layout';
import { StandingOrdersForm } from '../components/standing-orders-form';
import { useI18n } from '../i18n/i18n';
import { queries } from '../lib/queries';
import { Link } from '../lib/router';
import { durationText } from '../lib/durations';

export function BodyPage({ params }: { params: Record<string, string> }) {
  const { t, local } = useI18n();
  const found = useQuery(queries.body(params.code));
  const all = useQuery(queries.bodies());
  const bodies = all.data ?? [];
  const body = found.data;
  return (
    <Layout title={body ? local(body.name) : t('bodies.title')}>
      <p>
        <Link to="/admin/bodies">← {t('bodies.title')}</Link>
      </p>
      {body && (
        <p>
          <Link to={`/bodies/${body.code}/meetings`}>{t('meetings.bodyLink', { body: local(body.name) })}</Link>
        </p>
      )}
      <ErrorMessage error={found.error ?? all.error} />
      {!body || !all.data ? (
        (found.isPending || all.isPending) && <Loading />
      ) : (
        <div className="two-col">
          <section aria-labelledby="edit-h">
            <h2 id="edit-h">{t('bodies.edit')}</h2>
            <BodyForm key={JSON.stringify(body)} body={body} bodies={bodies} />
          </section>
          <div>
            <section aria-labelledby="chain-h">
              <h2 id="chain-h">{t('bodies.chain')}</h2>
              <ol className="chain">
                <li>
                  <strong>{local(body.name)}</strong>
                </li>
                {body.escalationChain.map((code) => (
                  <li key={code}>
                    <Link to={`/admin/bodies/${code}`}>{bodyName(code, bodies, local)}</Link>
                  </li>
                ))}
              </ol>
              {body.graceDuration && <p className="muted">{t('bodies.graceShort', { d: durationText(body.graceDuration, t) })}</p>}
            </section>
            <section aria-labelledby="members-h">
              <h2 id="members-h">{t('bodies.members')}</h2>
              {body.members.length ? (
                <ul className="plain">
                  {body.members.map((m) => (
                    <li key={m.username}>
                      {m.displayName}{' '}
                      <span className="muted">
                        ({m.username}, {t(`memberRole.${m.role}` as 'memberRole.member')})
                      </span>
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="muted">{t('common.none')}</p>
              )}
              <p>
                <Link to="/admin/users">{t('bodies.manageMembers')}</Link>
              </p>
            </section>
            <section aria-labelledby="so-h">
              <h2 id="so-h">{t('standingOrders.title')}</h2>
              <p className="help">{t('standingOrders.help')}</p>
              <StandingOrdersForm code={body.code} />
            </section>
          </div>
        </div>
      )}
    </Layout>
  );
}
