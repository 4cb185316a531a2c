import { useSearchParams } from 'react-router';
import { useMe } from '../../api/queries';
import { useSpendReport, useSpendSummary } from '../../api/spendQueries';
import { Failure, Loading } from '../../components/StateViews';
import { drillQuery, parseView, type SpendView, viewParams } from '../../modules/spend/spend';
import { SpendPageView } from './SpendPageView';

/**
 * The spend page (docs/spend.md): today, this week and this month; each day's cost in the chosen range; a
 * breakdown by host, project, model, profile or user; the sessions of a group; the day budgets, which admins set
 * there. Its view lives in the URL.
 */
export function SpendPage() {
  const summary = useSpendSummary();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const today = summary.data?.today.to;
  const view = today ? parseView(params, today) : null;
  const range = view ? { from: view.from, to: view.to } : {};
  const days = useSpendReport({ ...range, groupBy: 'day' }, !!view);
  const breakdown = useSpendReport({ ...range, groupBy: view?.by ?? 'host' }, !!view);
  const drilled = useSpendReport(view?.drill ? drillQuery(view, view.drill) : {}, !!view?.drill);

  if (summary.isPending) return <Loading what="spend" />;
  if (summary.isError) return <Failure error={summary.error} onRetry={() => void summary.refetch()} />;
  const show = (next: SpendView) => setParams(viewParams(next), { replace: false });

  return (
    <SpendPageView
      summary={summary.data}
      view={view!}
      days={days}
      breakdown={breakdown}
      drilled={view?.drill ? drilled : null}
      onView={show}
      canSetDayBudgets={me.data?.roles.includes('admin') ?? false}
    />
  );
}
