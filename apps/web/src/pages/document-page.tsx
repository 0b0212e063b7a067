import { useQuery } from '@tanstack/react-query';
import { CaseDocument } from '../components/case-document';
import { ErrorMessage, Loading } from '../components/feedback';
import { Layout } from '../components/layout';
import { useI18n } from '../i18n/i18n';
import { queries } from '../lib/queries';
import { Link } from '../lib/router';
import { caseTitle, diaryNumber } from './portfolio-page';

/** One document of a case on its own, to read or print: the case, who submitted it and when, then the document. */
export function DocumentPage({ params }: { params: Record<string, string> }) {
  const { t, date } = useI18n();
  const instance = useQuery(queries.instance(params.id));
  const documents = useQuery(queries.documents(params.id));
  const document = documents.data?.find((d) => d.id === params.docId);
  if (instance.isPending || documents.isPending)
    return (
      <Layout title={t('document.title')}>
        <Loading />
      </Layout>
    );
  if (!instance.data || !document)
    return (
      <Layout title={t('document.title')}>
        <ErrorMessage error={instance.error ?? documents.error} />
        {!instance.error && !documents.error && <p>{t('notFound.text')}</p>}
      </Layout>
    );
  return (
    <Layout title={`${t('document.title')}: ${caseTitle(instance.data)}`}>
      <p className="no-print">
        <Link to={`/instances/${params.id}`}>← {t('document.backToCase')}</Link>{' '}
        <button type="button" onClick={() => window.print()}>
          {t('document.printNow')}
        </button>
      </p>
      <article className="printable document">
        <dl className="facts">
          <div>
            <dt>{t('instance.title')}</dt>
            <dd>{caseTitle(instance.data)}</dd>
          </div>
          {diaryNumber(instance.data) && (
            <div>
              <dt>{t('instance.diaryNumber')}</dt>
              <dd>{diaryNumber(instance.data)}</dd>
            </div>
          )}
          <div>
            <dt>{t('document.submittedBy')}</dt>
            <dd>
              {document.submittedBy}, {date(document.submittedAt)}
            </dd>
          </div>
        </dl>
        <CaseDocument formKey={document.formKey} data={document.data} heading="h2" />
      </article>
    </Layout>
  );
}
