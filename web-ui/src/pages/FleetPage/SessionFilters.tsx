import type { ReactNode } from 'react';
import type { SessionFacets, SessionState } from '../../api/types';
import { isNarrowed, SESSION_STATES, type SessionFilter } from '../../modules/sessions/sessionFilter';

/** Offered while the hub's choices load. */
const NO_CHOICES: SessionFacets = { hosts: [], profiles: [], projects: [], creators: [] };

/** The choices, with each filter's current value among them even when no session has it (an old link). */
function withCurrent(choices: SessionFacets, filter: SessionFilter): SessionFacets {
  const keep = (values: string[], value: string) => (value && !values.includes(value) ? [value, ...values] : values);
  return {
    hosts:
      filter.hostId && !choices.hosts.some((host) => host.id === filter.hostId)
        ? [{ id: filter.hostId, name: filter.hostId }, ...choices.hosts]
        : choices.hosts,
    profiles: keep(choices.profiles, filter.profile),
    projects: keep(choices.projects, filter.project),
    creators: keep(choices.creators, filter.createdBy),
  };
}

interface SessionFiltersProps {
  /** What the hub says the filters can take; undefined while it loads. */
  choices: SessionFacets | undefined;
  filter: SessionFilter;
  onChange: (change: Partial<SessionFilter>) => void;
  /** How many sessions match but are hidden because they ended. */
  hiddenEnded: number;
}

/** The session list's search box, filters and "show ended" toggle. */
export function SessionFilters({ choices: offered, filter, onChange, hiddenEnded }: SessionFiltersProps) {
  const choices = withCurrent(offered ?? NO_CHOICES, filter);
  return (
    <div className="session-filters" role="search" aria-label="Filter sessions" data-testid="session-filters">
      <label className="field session-search">
        <span className="visually-hidden">Search sessions</span>
        <input
          type="search"
          placeholder="Search task, command, directory"
          autoCapitalize="none"
          autoCorrect="off"
          spellCheck={false}
          value={filter.query}
          onChange={(event) => onChange({ query: event.target.value })}
          data-testid="session-search"
        />
      </label>
      <FilterSelect label="State" value={filter.state} onChange={(state) => onChange({ state: state as SessionState | '' })}>
        {SESSION_STATES.map((state) => (
          <option key={state} value={state}>
            {state}
          </option>
        ))}
      </FilterSelect>
      <FilterSelect label="Host" value={filter.hostId} onChange={(hostId) => onChange({ hostId })}>
        {choices.hosts.map((host) => (
          <option key={host.id} value={host.id}>
            {host.name}
          </option>
        ))}
      </FilterSelect>
      <FilterSelect label="Agent" value={filter.profile} onChange={(profile) => onChange({ profile })}>
        {choices.profiles.map((profile) => (
          <option key={profile}>{profile}</option>
        ))}
      </FilterSelect>
      <FilterSelect label="Project" value={filter.project} onChange={(project) => onChange({ project })}>
        {choices.projects.map((project) => (
          <option key={project} value={project}>
            {project}
          </option>
        ))}
      </FilterSelect>
      <FilterSelect label="Started by" value={filter.createdBy} onChange={(createdBy) => onChange({ createdBy })}>
        {choices.creators.map((creator) => (
          <option key={creator}>{creator}</option>
        ))}
      </FilterSelect>
      <label className="check session-ended-toggle">
        <input
          type="checkbox"
          checked={filter.showEnded}
          onChange={(event) => onChange({ showEnded: event.target.checked })}
          data-testid="show-ended"
        />
        Show ended{hiddenEnded > 0 && <span className="muted"> ({hiddenEnded})</span>}
      </label>
      {isNarrowed(filter) && (
        <button
          type="button"
          className="button button-small button-ghost"
          onClick={() =>
            onChange({ state: '', hostId: '', profile: '', project: '', createdBy: '', query: '' })
          }
        >
          Clear filters
        </button>
      )}
    </div>
  );
}

function FilterSelect({
  label,
  value,
  onChange,
  children,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  children: ReactNode;
}) {
  return (
    <label className="session-filter">
      <span className="visually-hidden">{label}</span>
      <select
        value={value}
        onChange={(event) => onChange(event.target.value)}
        data-testid={`filter-${label.toLowerCase().replace(/ /g, '-')}`}
        className={value ? 'session-filter-set' : undefined}
      >
        <option value="">{label}: any</option>
        {children}
      </select>
    </label>
  );
}

/** Previous / next page of the session list, and where in it the page is. */
export function Pager({
  page,
  pages,
  total,
  onPage,
}: {
  page: number;
  pages: number;
  total: number;
  onPage: (page: number) => void;
}) {
  return (
    <nav className="pager" aria-label="Session pages" data-testid="session-pager">
      <span className="muted" data-testid="session-count">
        {total} {total === 1 ? 'session' : 'sessions'}
        {pages > 1 && ` · page ${page} of ${pages}`}
      </span>
      {pages > 1 && (
        <span className="pager-buttons">
          <button
            type="button"
            className="button button-small"
            disabled={page <= 1}
            onClick={() => onPage(page - 1)}
            data-testid="previous-page"
          >
            ← Previous
          </button>
          <button
            type="button"
            className="button button-small"
            disabled={page >= pages}
            onClick={() => onPage(page + 1)}
            data-testid="next-page"
          >
            Next →
          </button>
        </span>
      )}
    </nav>
  );
}
