import type { AuditEntry } from '../../api/types';
import { Empty, Failure, Loading } from '../../components/StateViews';
import { fullTime } from '../../modules/format/format';
import './AuditPage.css';

/** The filters as typed: empty means "any". `from` and `to` are datetime-local values. */
export interface AuditFilters {
  actor: string;
  action: string;
  target: string;
  from: string;
  to: string;
  q: string;
}

/** The action families the filter offers (docs/security.md, "Audit trail"). */
const ACTIONS = [
  { value: '', label: 'Any action' },
  { value: 'login', label: 'Sign-ins (and failures)' },
  { value: 'user', label: 'People and roles' },
  { value: 'password', label: 'Password changes' },
  { value: 'token', label: 'API tokens' },
  { value: 'host', label: 'Hosts' },
  { value: 'session', label: 'Spawns and stops' },
  { value: 'terminal.input', label: 'Terminal input' },
  { value: 'approval', label: 'Approvals and denials' },
  { value: 'prompt', label: 'Prompt broadcasts' },
  { value: 'budget', label: 'Budgets' },
];

export interface AuditPageViewProps {
  filters: AuditFilters;
  onFiltersChange: (filters: AuditFilters) => void;
  /** Undefined while loading or after a failure. */
  entries: AuditEntry[] | undefined;
  total: number;
  loading: boolean;
  error: unknown;
  onRetry: () => void;
  page: number;
  pageSize: number;
  onPage: (page: number) => void;
  onExport: (format: 'csv' | 'json') => void;
}

/** The Audit page's markup: filters, the entries newest first, paging and export. */
export function AuditPageView(props: AuditPageViewProps) {
  const { filters, onFiltersChange } = props;
  const field = (name: keyof AuditFilters) => ({
    value: filters[name],
    onChange: (event: { target: { value: string } }) => onFiltersChange({ ...filters, [name]: event.target.value }),
  });
  return (
    <div className="page audit-page">
      <div className="page-header">
        <h1>Audit</h1>
        <div className="page-actions">
          <button type="button" className="button" data-testid="export-csv" onClick={() => props.onExport('csv')}>
            Export CSV
          </button>
          <button type="button" className="button" data-testid="export-json" onClick={() => props.onExport('json')}>
            Export JSON
          </button>
        </div>
      </div>
      <form className="audit-filters" role="search" onSubmit={(event) => event.preventDefault()}>
        <label className="field audit-search">
          <span>Search</span>
          <input type="search" data-testid="audit-search" placeholder="Words in any field" {...field('q')} />
        </label>
        <label className="field">
          <span>Action</span>
          <select data-testid="audit-action" {...field('action')}>
            {ACTIONS.map((action) => (
              <option key={action.value} value={action.value}>
                {action.label}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Actor</span>
          <input data-testid="audit-actor" placeholder="user name or host:…" {...field('actor')} />
        </label>
        <label className="field">
          <span>Target</span>
          <input data-testid="audit-target" placeholder="session:…, user:…" {...field('target')} />
        </label>
        <label className="field">
          <span>From</span>
          <input type="datetime-local" data-testid="audit-from" {...field('from')} />
        </label>
        <label className="field">
          <span>To</span>
          <input type="datetime-local" data-testid="audit-to" {...field('to')} />
        </label>
      </form>
      {props.error && props.entries !== undefined ? <Failure error={props.error} /> : null}
      <AuditEntries {...props} />
    </div>
  );
}

function AuditEntries(props: AuditPageViewProps) {
  if (props.loading) return <Loading what="the audit trail" />;
  if (props.entries === undefined) return <Failure error={props.error} onRetry={props.onRetry} />;
  if (props.entries.length === 0) return <Empty>No entries match.</Empty>;
  const first = (props.page - 1) * props.pageSize + 1;
  const last = first + props.entries.length - 1;
  return (
    <>
      <table className="data-table audit-table" data-testid="audit-entries">
        <thead>
          <tr>
            <th>When</th>
            <th>Who</th>
            <th>Action</th>
            <th>Target</th>
            <th>Detail</th>
            <th>From</th>
          </tr>
        </thead>
        <tbody>
          {props.entries.map((entry) => (
            <tr key={entry.id} data-testid="audit-entry" data-action={entry.action} data-actor={entry.actor}>
              <td data-label="When" className="audit-when">
                {fullTime(entry.at)}
              </td>
              <td data-label="Who">
                {entry.actor}
                {entry.token && <span className="label-chip" title="Through the API token">{entry.token}</span>}
              </td>
              <td data-label="Action">
                <code>{entry.action}</code>
              </td>
              <td data-label="Target" className="audit-target">
                {entry.target ?? ''}
              </td>
              <td data-label="Detail" className="audit-detail">
                {Object.entries(entry.detail)
                  .map(([name, value]) => `${name}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
                  .join(' · ')}
              </td>
              <td data-label="From" className="muted">
                {entry.address ?? ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="audit-paging">
        <span className="muted" data-testid="audit-total">
          {first}–{last} of {props.total}
        </span>
        <button
          type="button"
          className="button button-small"
          disabled={props.page <= 1}
          onClick={() => props.onPage(props.page - 1)}
        >
          Newer
        </button>
        <button
          type="button"
          className="button button-small"
          data-testid="audit-older"
          disabled={last >= props.total}
          onClick={() => props.onPage(props.page + 1)}
        >
          Older
        </button>
      </div>
    </>
  );
}
