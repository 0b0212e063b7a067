import type { Body, DecisionRecord } from '../api';
import { useI18n } from '../i18n/i18n';
import { bodyName } from './badges';

/** The council decision as it goes on the record: body, §, meeting, outcome, text, appeal period. */
export function DecisionRecordView({ record, bodies }: { record: DecisionRecord; bodies: Body[] }) {
  const { t, date, local } = useI18n();
  const known = (key: string, raw: string) => (t(key as 'outcome.approved') === key ? raw : t(key as 'outcome.approved'));
  return (
    <article className="card decision" aria-label={`${bodyName(record.body, bodies, local)} ${record.sectionLabel}`}>
      <h3>
        {bodyName(record.body, bodies, local)} {record.sectionLabel}
      </h3>
      <dl className="facts">
        <div>
          <dt>{t('decision.meetingDate')}</dt>
          <dd>{date(record.meetingDate, false)}</dd>
        </div>
        <div>
          <dt>{t('instance.diaryNumber')}</dt>
          <dd>
            {record.diaryNumber} <span className="muted">({record.classification})</span>
          </dd>
        </div>
        <div>
          <dt>{t('decision.outcome')}</dt>
          <dd>{known(`outcome.${record.outcome}`, record.outcome)}</dd>
        </div>
        <div>
          <dt>{t('common.state')}</dt>
          <dd>{known(`decision.status.${record.status}`, record.status)}</dd>
        </div>
        {record.appealEndsAt && (
          <div>
            <dt>{t('decision.appealEnds')}</dt>
            <dd>{date(record.appealEndsAt, false)}</dd>
          </div>
        )}
      </dl>
      <h4>{t('decision.text')}</h4>
      <p className="pre-line">{record.decisionText}</p>
      {record.childImpactSummary && (
        <>
          <h4>{t('decision.childImpact')}</h4>
          <p className="pre-line">{record.childImpactSummary}</p>
        </>
      )}
      {record.reviewRequests.length > 0 && (
        <>
          <h4>{t('decision.reviewRequests')}</h4>
          <ul>
            {record.reviewRequests.map((r) => (
              <li key={r.id}>
                {date(r.receivedAt, false)} – {r.requester}: {r.grounds}
              </li>
            ))}
          </ul>
        </>
      )}
    </article>
  );
}
