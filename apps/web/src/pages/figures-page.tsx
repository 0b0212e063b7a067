import { useQueries, useQuery } from '@tanstack/react-query';
import type { Task } from '../api';
import { bodyName } from '../components/badges';
import { BarChart } from '../components/bar-chart';
import { ErrorMessage, Loading } from '../components/feedback';
import { Layout } from '../components/layout';
import { useI18n } from '../i18n/i18n';
import { queries } from '../lib/queries';

const STATES = ['running', 'completed', 'cancelled', 'failed'] as const;

const escalated = (t: Task) => t.escalationLevel > 0;

export function FiguresPage() {
  const { t, local } = useI18n();
  const bodiesQuery = useQuery(queries.bodies());
  // The charts name bodies: drawn once the names are here, never with bare codes meanwhile.
  const bodies = bodiesQuery.data ?? [];
  const figures = useQueries({
    queries: [queries.tasks({ state: 'open', limit: 500 }), ...STATES.map((state) => queries.instances({ state, limit: 1 }))],
    combine: ([open, ...byState]) => {
      const all = [open, ...byState];
      const tasks = open.data as { items: Task[]; total: number; totalCapped: boolean } | undefined;
      return {
        error: all.find((q) => q.error)?.error ?? null,
        isPending: all.some((q) => q.isPending),
        data: tasks && {
          tasks: tasks.items,
          openTotal: tasks.totalCapped ? `${tasks.total}+` : tasks.total,
          byState: byState.map((q) => (q.data as { total: number } | undefined)?.total ?? 0),
        },
      };
    },
  });
  const tasks = figures.data?.tasks ?? [];
  const perBody = new Map<string, { open: number; overdue: number; escalated: number }>();
  for (const task of tasks)
    for (const code of task.candidateBodies) {
      const row = perBody.get(code) ?? { open: 0, overdue: 0, escalated: 0 };
      row.open++;
      if (task.overdue) row.overdue++;
      if (escalated(task)) row.escalated++;
      perBody.set(code, row);
    }
  const codes = [...perBody.keys()].sort((a, b) => perBody.get(b)!.open - perBody.get(a)!.open);
  const steps = new Map<string, number>();
  for (const task of tasks) steps.set(task.name ?? task.activityId, (steps.get(task.name ?? task.activityId) ?? 0) + 1);
  const overdue = tasks.filter((x) => x.overdue).length;
  const esc = tasks.filter(escalated).length;
  return (
    <Layout title={t('figures.title')}>
      <ErrorMessage error={figures.error} />
      {figures.isPending || bodiesQuery.isPending ? (
        <Loading />
      ) : (
        <>
          <ul className="kpis">
            <li className="card">
              <span className="kpi">{figures.data?.byState[0] ?? 0}</span> {t('figures.runningInstances')}
            </li>
            <li className="card">
              <span className="kpi">{figures.data?.openTotal ?? 0}</span> {t('figures.openTasks')}
            </li>
            <li className={`card${overdue ? ' is-overdue' : ''}`}>
              <span className="kpi">{overdue}</span> {t('figures.overdueTasks')}
            </li>
            <li className="card">
              <span className="kpi">{esc}</span> {t('figures.escalatedTasks')}
            </li>
          </ul>
          <div className="charts">
            <BarChart
              title={t('figures.byBody')}
              categories={codes.map((c) => bodyName(c, bodies, local))}
              series={[
                { label: t('figures.open'), values: codes.map((c) => perBody.get(c)!.open), tone: 'chart-a' },
                { label: t('figures.overdue'), values: codes.map((c) => perBody.get(c)!.overdue), tone: 'chart-b' },
                { label: t('figures.escalated'), values: codes.map((c) => perBody.get(c)!.escalated), tone: 'chart-c' },
              ]}
              spoken={(n) => t('figures.taskCount', { n })}
            />
            <BarChart
              title={t('figures.byStep')}
              categories={[...steps.keys()]}
              series={[{ label: t('figures.open'), values: [...steps.values()], tone: 'chart-a' }]}
              spoken={(n) => t('figures.taskCount', { n })}
            />
            <BarChart
              title={t('figures.byState')}
              categories={STATES.map((s) => t(`state.${s}`))}
              series={[{ label: t('figures.instances'), values: figures.data?.byState ?? [], tone: 'chart-d' }]}
              spoken={(n) => t('portfolio.count', { n })}
            />
          </div>
        </>
      )}
    </Layout>
  );
}
