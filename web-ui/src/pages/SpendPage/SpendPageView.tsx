import type { UseQueryResult } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { Link } from 'react-router';
import type { SpendReport, SpendRow, SpendSummary } from '../../api/types';
import { Empty, Failure, Loading } from '../../components/StateViews';
import { DayBudgets } from '../../modules/budgets/DayBudgets';
import { costLabel } from '../../modules/format/format';
import {
  addDays,
  BREAKDOWN_NAMES,
  BREAKDOWNS,
  csvHref,
  drillOf,
  drillQuery,
  firstOfMonth,
  groupName,
  sessionListLink,
  type SpendView,
  unpricedWarning,
} from '../../modules/spend/spend';
import { SpendChart } from './SpendChart';
import './SpendPage.css';

const exact = new Intl.NumberFormat('en-US');
const compact = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 });

interface Props {
  summary: SpendSummary;
  view: SpendView;
  days: UseQueryResult<SpendReport>;
  breakdown: UseQueryResult<SpendReport>;
  drilled: UseQueryResult<SpendReport> | null;
  onView: (view: SpendView) => void;
  canSetDayBudgets: boolean;
}

/** The spend page's markup; {@link SpendPage} fetches. */
export function SpendPageView({ summary, view, days, breakdown, drilled, onView, canSetDayBudgets }: Props) {
  const today = summary.today.to;
  return (
    <div className="page spend-page">
      <div className="page-header">
        <h1>Spend</h1>
        <span className="muted">Days in {summary.timeZone}</span>
      </div>

      <section className="spend-totals" aria-label="Totals">
        <Total name="Today" spent={summary.today.spent} testId="spend-today" />
        <Total name="This week" spent={summary.week.spent} testId="spend-week" />
        <Total name="This month" spent={summary.month.spent} testId="spend-month" />
      </section>

      <RangePicker view={view} today={today} onView={onView} />

      {days.data && <Unpriced report={days.data} />}

      <section className="spend-card spend-days" aria-labelledby="spend-days-title">
        <div className="spend-card-title">
          <h2 id="spend-days-title">Cost by day</h2>
          <a className="button button-small" href={csvHref({ from: view.from, to: view.to, groupBy: 'day' })} download>
            CSV
          </a>
        </div>
        <Report query={days}>
          {(report) => (
            <>
              <SpendChart rows={report.rows} />
              <details className="spend-day-table">
                <summary>Each day as a table</summary>
                <SpendTable
                  rows={report.rows}
                  name="Day"
                  nameOf={(row) => row.day ?? ''}
                  onDrill={(row) => onView({ ...view, drill: { day: row.day ?? undefined, name: row.day ?? '' } })}
                />
              </details>
            </>
          )}
        </Report>
      </section>

      <section className="spend-card" aria-labelledby="spend-breakdown-title">
        <div className="spend-card-title">
          <h2 id="spend-breakdown-title">By {BREAKDOWN_NAMES[view.by].toLowerCase()}</h2>
          <a className="button button-small" href={csvHref({ from: view.from, to: view.to, groupBy: view.by })} download>
            CSV
          </a>
        </div>
        <div className="segmented" role="group" aria-label="Break down by">
          {BREAKDOWNS.map((by) => (
            <button
              key={by}
              type="button"
              className="button button-small"
              aria-pressed={view.by === by}
              onClick={() => onView({ ...view, by })}
              data-testid={`spend-by-${by}`}
            >
              {BREAKDOWN_NAMES[by]}
            </button>
          ))}
        </div>
        <Report query={breakdown}>
          {(report) =>
            report.rows.length === 0 ? (
              <Empty>Nothing spent in these days.</Empty>
            ) : (
              <SpendTable
                rows={report.rows}
                total={report.total}
                name={BREAKDOWN_NAMES[view.by]}
                nameOf={(row) => groupName(view.by, row)}
                onDrill={(row) => onView({ ...view, drill: drillOf(view.by, row) })}
              />
            )
          }
        </Report>
      </section>

      {view.drill && drilled && (
        <section className="spend-card" aria-labelledby="spend-sessions-title" data-testid="spend-sessions">
          <div className="spend-card-title">
            <h2 id="spend-sessions-title">Sessions of {view.drill.name}</h2>
            <span className="spend-card-actions">
              {sessionListLink(view.drill) && (
                <Link className="button button-small" to={sessionListLink(view.drill)!}>
                  Open in the session list
                </Link>
              )}
              <a className="button button-small" href={csvHref(drillQuery(view, view.drill))} download>
                CSV
              </a>
              <button type="button" className="button button-small button-ghost" onClick={() => onView({ ...view, drill: null })}>
                Close
              </button>
            </span>
          </div>
          <Report query={drilled}>
            {(report) =>
              report.rows.length === 0 ? (
                <Empty>No session of it spent in these days.</Empty>
              ) : (
                <SpendTable
                  rows={report.rows}
                  name="Session"
                  nameOf={(row) => row.task || row.sessionId?.slice(0, 8) || ''}
                  linkOf={(row) => `/sessions/${row.sessionId}`}
                  detailOf={(row) => `${row.user ?? ''} · ${row.profile ?? ''} · ${row.hostName ?? ''} ${row.project ?? ''}`}
                />
              )
            }
          </Report>
        </section>
      )}

      <section className="spend-card" aria-labelledby="spend-day-budgets-title">
        <h2 id="spend-day-budgets-title">Day budgets</h2>
        <DayBudgets canEdit={canSetDayBudgets} />
      </section>
    </div>
  );
}

/** A total: its cost (marked when part of it is estimated), its tokens, and its unpriced requests. */
function Total({ name, spent, testId }: { name: string; spent: SpendRow; testId: string }) {
  return (
    <div className="spend-card spend-total" data-testid={testId}>
      <span className="muted">{name}</span>
      <Cost row={spent} large />
      <span className="muted" title={`${exact.format(spent.tokens)} tokens`}>
        {compact.format(spent.tokens)} tokens · {spent.sessions} {spent.sessions === 1 ? 'session' : 'sessions'}
      </span>
      {spent.unpricedEvents > 0 && (
        <span className="spend-unpriced-note" title={`${exact.format(spent.unpricedTokens)} tokens of models without a price`}>
          ⚠ {spent.unpricedEvents} unpriced
        </span>
      )}
    </div>
  );
}

/** A cost with its exact value on hover: "$0.42 est.", "unpriced" or "$0.42 + unpriced" (costLabel). */
function Cost({ row, large = false }: { row: SpendRow; large?: boolean }) {
  const estimated = Number(row.estimatedCostUsd) > 0;
  const unpriced = row.unpricedTokens > 0 ? `; ${exact.format(row.unpricedTokens)} tokens without a price` : '';
  return (
    <span className={large ? 'spend-cost-large' : undefined} title={`$${row.costUsd}${estimated ? `, of which $${row.estimatedCostUsd} estimated` : ''}${unpriced}`}>
      <span data-testid="spend-cost">{costLabel(row)}</span>
    </span>
  );
}

/** The warning for usage of models without a price: their cost is unknown, not 0. */
function Unpriced({ report }: { report: SpendReport }) {
  const warning = unpricedWarning(report.total, report.unpricedModels);
  if (!warning) return null;
  return (
    <p className="warning-banner" role="status" data-testid="spend-unpriced">
      ⚠ {warning} Add their prices to the profiles' <code>pricing.models</code>.
    </p>
  );
}

function Report({ query, children }: { query: UseQueryResult<SpendReport>; children: (report: SpendReport) => ReactNode }) {
  if (query.isPending) return <Loading what="the figures" />;
  if (query.isError) return <Failure error={query.error} onRetry={() => void query.refetch()} />;
  return <>{children(query.data)}</>;
}

interface TableProps {
  rows: SpendRow[];
  total?: SpendRow;
  name: string;
  nameOf: (row: SpendRow) => string;
  detailOf?: (row: SpendRow) => string;
  linkOf?: (row: SpendRow) => string;
  onDrill?: (row: SpendRow) => void;
}

/** Groups with their sessions, tokens and cost; a row's sessions one click (or Enter) away. */
function SpendTable({ rows, total, name, nameOf, detailOf, linkOf, onDrill }: TableProps) {
  return (
    <table className="table spend-table">
      <thead>
        <tr>
          <th>{name}</th>
          <th className="numeric">Sessions</th>
          <th className="numeric">Tokens</th>
          <th className="numeric">Cost</th>
          {onDrill && (
            <th>
              <span className="visually-hidden">Drill down</span>
            </th>
          )}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, i) => (
          <tr key={`${nameOf(row)}-${row.hostId ?? ''}-${i}`} data-testid="spend-row">
            <td data-label={name} className="spend-name">
              {linkOf ? <Link to={linkOf(row)}>{nameOf(row)}</Link> : nameOf(row)}
              {detailOf && <span className="muted spend-detail">{detailOf(row)}</span>}
            </td>
            <td data-label="Sessions" className="numeric">
              {row.sessions}
            </td>
            <td data-label="Tokens" className="numeric" title={tokenDetail(row)}>
              {exact.format(row.tokens)}
              {row.unpricedTokens > 0 && (
                <span className="spend-unpriced-note" title={`${exact.format(row.unpricedTokens)} tokens of models without a price`}>
                  {' '}
                  ⚠ {exact.format(row.unpricedTokens)} unpriced
                </span>
              )}
            </td>
            <td data-label="Cost" className="numeric">
              <Cost row={row} />
            </td>
            {onDrill && (
              <td data-label="">
                <button type="button" className="button button-small button-ghost" onClick={() => onDrill(row)} disabled={row.sessions === 0}>
                  Sessions<span className="visually-hidden"> of {nameOf(row)}</span>
                </button>
              </td>
            )}
          </tr>
        ))}
      </tbody>
      {total && (
        <tfoot>
          <tr>
            <th scope="row">Total</th>
            <td data-label="Sessions" className="numeric">
              {total.sessions}
            </td>
            <td data-label="Tokens" className="numeric" title={tokenDetail(total)}>
              {exact.format(total.tokens)}
            </td>
            <td data-label="Cost" className="numeric">
              <Cost row={total} />
            </td>
            {onDrill && <td />}
          </tr>
        </tfoot>
      )}
    </table>
  );
}

function tokenDetail(row: SpendRow): string {
  return (
    `${exact.format(row.inputTokens)} input · ${exact.format(row.outputTokens)} output · ` +
    `${exact.format(row.cacheReadTokens)} cache read · ${exact.format(row.cacheCreationTokens)} cache write`
  );
}

/** This month, the last 7 or 30 days, or any two days. */
function RangePicker({ view, today, onView }: { view: SpendView; today: string; onView: (view: SpendView) => void }) {
  const [from, setFrom] = useState(view.from);
  const [to, setTo] = useState(view.to);
  const presets = [
    { name: 'This month', from: firstOfMonth(today), to: today },
    { name: 'Last 7 days', from: addDays(today, -6), to: today },
    { name: 'Last 30 days', from: addDays(today, -29), to: today },
  ];
  const pick = (next: { from: string; to: string }) => {
    setFrom(next.from);
    setTo(next.to);
    onView({ ...view, ...next, drill: null });
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (from && to && from <= to) pick({ from, to });
  };
  return (
    <form className="spend-range" onSubmit={submit} aria-label="Days">
      <div className="segmented" role="group" aria-label="Range">
        {presets.map((preset) => (
          <button
            key={preset.name}
            type="button"
            className="button button-small"
            aria-pressed={view.from === preset.from && view.to === preset.to}
            onClick={() => pick(preset)}
          >
            {preset.name}
          </button>
        ))}
      </div>
      <label>
        <span>From</span>
        <input type="date" value={from} max={to} onChange={(e) => setFrom(e.target.value)} />
      </label>
      <label>
        <span>To</span>
        <input type="date" value={to} min={from} onChange={(e) => setTo(e.target.value)} />
      </label>
      <button type="submit" className="button button-small">
        Show
      </button>
    </form>
  );
}
