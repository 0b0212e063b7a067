import { useQuery } from '@tanstack/react-query';
import type { DecisionRecord, Instance, SubmittedForm } from '../api';
import { useI18n } from '../i18n/i18n';
import { queries } from '../lib/queries';
import { BudgetByAgeGroup, CaseDocument, MAPPING_FORM, ServicesTable, useFormTitle } from './case-document';

/*
 * What a step decides on, shown above its form: a step never needs someone to know what an
 * earlier step said. The mapper sees why the mapping came back; the reviewer the mapping with
 * its euros per age group; the assessor the screening; the decision-maker the proposal, the
 * assessment's conclusion and the review's outcome.
 */

export const REVIEW_FORM = 'kaari:steering-review';
export const SCREENING_FORM = 'kaari:child-impact-screening';
export const ASSESSMENT_FORM = 'kaari:child-impact-assessment';
export const DECISION_FORM = 'kaari:council-decision';
export const START_FORM = 'kaari:measure-start';
const START_FIELDS = ['title', 'description', 'classification', 'preparer', 'decisionBody', 'sectors'];

type Data = Record<string, unknown>;

/** The latest document of a form in the case, or null. */
export function latest(documents: SubmittedForm[], formKey: string): SubmittedForm | null {
  return documents.filter((d) => d.formKey === formKey).sort((a, b) => b.submittedAt.localeCompare(a.submittedAt))[0] ?? null;
}

/** The start of the case as a document: what the start form set (kept in the case's variables). */
export function startDocument(instance: Instance): Data {
  const v: Data = instance.variables ?? {};
  return Object.fromEntries(START_FIELDS.filter((k) => v[k] !== undefined).map((k) => [k, v[k]]));
}

interface Return {
  formKey: string | null;
  at: string;
  by: string;
  reasons: string;
}

/** The latest return of the case (a review or a decision sending the matter back), when it came after the last mapping. */
export function lastReturn(documents: SubmittedForm[], decisions: DecisionRecord[]): Return | null {
  const mapped = latest(documents, MAPPING_FORM)?.submittedAt ?? '';
  const returns: Return[] = [
    ...documents
      .filter(
        (d) => (d.formKey === REVIEW_FORM && d.data.reviewOutcome === 'returned') || (d.formKey === DECISION_FORM && d.data.decisionOutcome === 'returned'),
      )
      .map((d) => ({ formKey: d.formKey, at: d.submittedAt, by: d.submittedBy, reasons: String((d.data.returnReasons as string | undefined) ?? '') })),
    ...decisions.filter((d) => d.outcome === 'returned').map((d) => ({ formKey: null, at: d.createdAt, by: d.body, reasons: d.decisionText })),
  ];
  return returns.filter((r) => r.at > mapped).sort((a, b) => b.at.localeCompare(a.at))[0] ?? null;
}

function Part({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="card context-part" aria-label={title}>
      {children}
    </section>
  );
}

function ReturnNotice({ ret }: { ret: Return }) {
  const { t, date } = useI18n();
  const from = useFormTitle(ret.formKey);
  return (
    <div className="alert warn" role="note">
      <p>
        <strong>{t('context.returned', { when: date(ret.at, false) })}</strong> {ret.formKey && <span className="muted">({from})</span>}
      </p>
      <p className="prose">
        {t('context.returnReasons')}: {ret.reasons || '–'}
      </p>
    </div>
  );
}

function MappingUnderReview({ instanceId }: { instanceId: string }) {
  const { t } = useI18n();
  const inventory = useQuery(queries.inventory(instanceId));
  const budget = useQuery(queries.childrenBudget(instanceId));
  return (
    <>
      {inventory.data && <ServicesTable services={inventory.data.services} caption={t('context.mapping')} hideCaption />}
      {budget.data && <BudgetByAgeGroup report={budget.data} />}
    </>
  );
}

/** The context of a task of this form in its case. */
export function StepContext({
  formKey,
  instance,
  documents,
  decisions,
}: {
  formKey: string | null;
  instance: Instance;
  documents: SubmittedForm[];
  decisions: DecisionRecord[];
}) {
  const { t } = useI18n();
  const review = latest(documents, REVIEW_FORM);
  const mapping = latest(documents, MAPPING_FORM);
  const screening = latest(documents, SCREENING_FORM);
  const assessment = latest(documents, ASSESSMENT_FORM);
  const ret = lastReturn(documents, decisions);
  const parts: React.ReactNode[] = [];
  if (formKey === MAPPING_FORM && ret) parts.push(<ReturnNotice key="ret" ret={ret} />);
  if (formKey === REVIEW_FORM || (formKey === SCREENING_FORM && mapping)) {
    parts.push(
      <Part key="mapping" title={t('context.mapping')}>
        <h3>{t('context.mapping')}</h3>
        <MappingUnderReview instanceId={instance.id} />
        {mapping && (mapping.data.dataSources || mapping.data.notes) ? (
          <CaseDocument formKey={MAPPING_FORM} data={{ dataSources: mapping.data.dataSources, notes: mapping.data.notes }} heading="h4" />
        ) : null}
      </Part>,
    );
  }
  if (formKey === ASSESSMENT_FORM && screening)
    parts.push(
      <Part key="screening" title={t('context.screening')}>
        <CaseDocument formKey={SCREENING_FORM} data={screening.data} />
      </Part>,
    );
  if (formKey === DECISION_FORM) {
    parts.push(
      <Part key="proposal" title={t('context.proposal')}>
        <h3>{t('context.proposal')}</h3>
        <CaseDocument formKey={START_FORM} data={startDocument(instance)} heading="h4" />
      </Part>,
    );
    if (assessment?.data.conclusion)
      parts.push(
        <Part key="conclusion" title={t('context.conclusion')}>
          <h3>{t('context.conclusion')}</h3>
          <CaseDocument formKey={ASSESSMENT_FORM} data={{ conclusion: assessment.data.conclusion }} heading="h4" />
        </Part>,
      );
    else if (screening)
      parts.push(
        <Part key="screening" title={t('context.screening')}>
          <CaseDocument formKey={SCREENING_FORM} data={screening.data} />
        </Part>,
      );
    if (review)
      parts.push(
        <Part key="review" title={t('context.review')}>
          <h3>{t('context.review')}</h3>
          <CaseDocument formKey={REVIEW_FORM} data={review.data} heading="h4" />
        </Part>,
      );
  }
  if (!parts.length) return null;
  return (
    <section aria-labelledby="context-h" className="step-context">
      <h2 id="context-h">{t('context.title')}</h2>
      {parts}
    </section>
  );
}
