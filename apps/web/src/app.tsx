import { lazy, Suspense, useEffect, type ComponentType } from 'react';
import { Loading } from './components/feedback';
import { Layout } from './components/layout';
import { useI18n } from './i18n/i18n';
import { match, navigate, useLocation } from './lib/router';
import { useSession } from './lib/session';
import { SignInPage } from './pages/sign-in-page';
import { TasksPage } from './pages/tasks-page';
import { TaskPage } from './pages/task-page';
import { PortfolioPage } from './pages/portfolio-page';
import { LaunchPage } from './pages/launch-page';
import { FiguresPage } from './pages/figures-page';
import { BodiesPage } from './pages/bodies-page';
import { BodyPage } from './pages/body-page';
import { UsersPage } from './pages/users-page';
import { BudgetPage } from './pages/budget-page';
import { PurchasingPage } from './pages/purchasing-page';
import { ProcessesPage } from './pages/processes-page';
import { NotificationsPage } from './pages/notifications-page';
import { IncidentsPage } from './pages/incidents-page';
import { AuditPage } from './pages/audit-page';
import { DeputiesPage } from './pages/deputies-page';
import { MeetingsPage } from './pages/meetings-page';
import { MeetingBodyPage } from './pages/meeting-body-page';
import { MeetingPage } from './pages/meeting-page';
import { MeetingPublicPage } from './pages/meeting-public-page';

// bpmn-js is big: the pages with a diagram load it on demand.
const InstancePage = lazy(() => import('./pages/instance-page').then((m) => ({ default: m.InstancePage })));
const ModelerPage = lazy(() => import('./pages/modeler-page').then((m) => ({ default: m.ModelerPage })));
const VersionsPage = lazy(() => import('./pages/versions-page').then((m) => ({ default: m.VersionsPage })));
const DocumentPage = lazy(() => import('./pages/document-page').then((m) => ({ default: m.DocumentPage })));

type Guard = 'any' | 'director' | 'admin' | 'auditor';

/** Pages for everyone, with no sign-in: the published minutes. Signed in or not, the same page. */
const PUBLIC: Array<[string, ComponentType<{ params: Record<string, string> }>]> = [
  ['/minutes', MeetingPublicPage],
  ['/minutes/:body', MeetingPublicPage],
];
const ROUTES: Array<[string, ComponentType<{ params: Record<string, string> }>, Guard]> = [
  ['/tasks', TasksPage, 'any'],
  ['/tasks/:id', TaskPage, 'any'],
  ['/portfolio', PortfolioPage, 'director'],
  ['/portfolio/new', LaunchPage, 'director'],
  ['/figures', FiguresPage, 'director'],
  ['/instances/:id', InstancePage, 'any'],
  ['/instances/:id/documents/:docId', DocumentPage, 'any'],
  ['/reports/children-budget', BudgetPage, 'any'],
  ['/reports/purchaser-provider', PurchasingPage, 'any'],
  ['/notifications', NotificationsPage, 'any'],
  ['/deputies', DeputiesPage, 'any'],
  ['/meetings', MeetingsPage, 'any'],
  ['/meetings/:id', MeetingPage, 'any'],
  ['/bodies/:code/meetings', MeetingBodyPage, 'any'],
  ['/admin/processes', ProcessesPage, 'admin'],
  ['/admin/modeler', ModelerPage, 'admin'],
  ['/admin/modeler/:key', ModelerPage, 'admin'],
  ['/admin/processes/:key/versions', VersionsPage, 'admin'],
  ['/admin/bodies', BodiesPage, 'admin'],
  ['/admin/bodies/:code', BodyPage, 'admin'],
  ['/admin/users', UsersPage, 'admin'],
  ['/admin/incidents', IncidentsPage, 'admin'],
  ['/audit', AuditPage, 'auditor'],
];

/** Sends the start page on to where the role begins (see App). */
function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return <Loading />;
}

export function App() {
  const { me, ready, isAdmin, isDirector, isAuditor, bodyCodes } = useSession();
  const { path } = useLocation();
  const { t } = useI18n();
  if (!ready) return <Loading />;
  for (const [pattern, Page] of PUBLIC) {
    const params = match(pattern, path);
    if (params) return <Page params={params} />;
  }
  if (!me) return <SignInPage />;
  // Directors see their portfolio, an auditor who is nothing else the audit trail, everyone else their tasks.
  if (path === '/' || path === '') return <Redirect to={isDirector ? '/portfolio' : isAuditor && !bodyCodes.length ? '/audit' : '/tasks'} />;
  for (const [pattern, Page, guard] of ROUTES) {
    const params = match(pattern, path);
    if (!params) continue;
    if ((guard === 'admin' && !isAdmin) || (guard === 'director' && !isDirector) || (guard === 'auditor' && !isAuditor)) break;
    return (
      <Suspense fallback={<Loading />}>
        <Page params={params} />
      </Suspense>
    );
  }
  return (
    <Layout title={t('notFound.title')}>
      <p>{t('notFound.text')}</p>
    </Layout>
  );
}
