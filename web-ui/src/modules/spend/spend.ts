import type { SpendQuery } from '../../api/client';
import type { SpendDimension, SpendRow } from '../../api/types';
import { filterParams, type SessionFilter } from '../sessions/sessionFilter';

/** The breakdowns the spend page offers, in its tab order. */
export const BREAKDOWNS = ['host', 'project', 'model', 'profile', 'user'] as const satisfies readonly SpendDimension[];
export type Breakdown = (typeof BREAKDOWNS)[number];

export const BREAKDOWN_NAMES: Record<Breakdown, string> = {
  host: 'Host',
  project: 'Project',
  model: 'Model',
  profile: 'Profile',
  user: 'User',
};

/** What the page shows, kept in its URL: the days, the breakdown, and the group whose sessions are drilled into. */
export interface SpendView {
  from: string;
  to: string;
  by: Breakdown;
  drill: Drill | null;
}

/** A group to list the sessions of: the fields of one breakdown row, or one day of the chart. */
export interface Drill {
  day?: string;
  hostId?: string;
  project?: string;
  model?: string;
  profile?: string;
  user?: string;
  /** What the group is called on the page: "laptop", "/home/me/shop on laptop", "2026-12-07". */
  name: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** 2026-12-07 as the date of `date` in its own calendar (the local one; the hub's days are its time zone's). */
export function isoDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The day `days` after `day` (before, when negative). */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return isoDay(new Date(y, m - 1, d + days));
}

/** The first day of `day`'s month. */
export function firstOfMonth(day: string): string {
  return `${day.slice(0, 8)}01`;
}

/** The page's view from its URL; without days, this month so far (`today` is the hub's today). */
export function parseView(params: URLSearchParams, today: string): SpendView {
  const to = DATE.test(params.get('to') ?? '') ? params.get('to')! : today;
  const from = DATE.test(params.get('from') ?? '') ? params.get('from')! : firstOfMonth(to);
  const by = (BREAKDOWNS as readonly string[]).includes(params.get('by') ?? '') ? (params.get('by') as Breakdown) : 'host';
  const drill: Drill = { name: params.get('name') ?? '' };
  for (const key of ['day', 'hostId', 'project', 'model', 'profile', 'user'] as const) {
    const value = params.get(key);
    if (value) drill[key] = value;
  }
  const drilled = Object.keys(drill).length > 1;
  return { from, to, by, drill: drilled ? { ...drill, name: drill.name || describe(drill) } : null };
}

/** The URL parameters of a view. */
export function viewParams(view: SpendView): URLSearchParams {
  const params = new URLSearchParams({ from: view.from, to: view.to, by: view.by });
  if (view.drill) {
    for (const [key, value] of Object.entries(view.drill)) if (value) params.set(key, value);
  }
  return params;
}

function describe(drill: Drill): string {
  return [drill.day, drill.project, drill.model, drill.profile, drill.user, drill.hostId].filter(Boolean).join(' · ');
}

/** The group of a breakdown row, to drill into. */
export function drillOf(by: Breakdown, row: SpendRow): Drill {
  switch (by) {
    case 'host':
      return { hostId: row.hostId ?? undefined, name: row.hostName ?? '' };
    case 'project':
      return {
        hostId: row.hostId ?? undefined,
        project: row.project ?? undefined,
        name: `${row.project ?? 'no directory'} on ${row.hostName ?? ''}`,
      };
    case 'model':
      return { model: row.model ?? undefined, name: row.model ?? '' };
    case 'profile':
      return { profile: row.profile ?? undefined, name: row.profile ?? '' };
    case 'user':
      return { user: row.user ?? undefined, name: row.user ?? '' };
  }
}

/** What a breakdown row is called. */
export function groupName(by: Breakdown, row: SpendRow): string {
  return drillOf(by, row).name || '–';
}

/** The query of the sessions a drill lists (a day narrows the range to it). */
export function drillQuery(view: SpendView, drill: Drill): SpendQuery {
  return {
    from: drill.day ?? view.from,
    to: drill.day ?? view.to,
    groupBy: 'session',
    hostId: drill.hostId,
    project: drill.project,
    model: drill.model,
    profile: drill.profile,
    user: drill.user,
  };
}

/**
 * The fleet's session list filtered to a drill's sessions, when its filters can say it (host, project, profile
 * and user; not a model or a day), ended sessions shown; else null.
 */
export function sessionListLink(drill: Drill): string | null {
  if (drill.model || drill.day) return null;
  const filter: SessionFilter = {
    state: '',
    hostId: drill.hostId ?? '',
    profile: drill.profile ?? '',
    project: drill.project ?? '',
    createdBy: drill.user ?? '',
    query: '',
    showEnded: true,
    page: 1,
  };
  return `/?${filterParams(filter).toString()}`;
}

/** The CSV of a query, as a link the browser downloads with the page's own cookie. */
export function csvHref(query: SpendQuery): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== '') params.set(key, String(value));
  params.set('format', 'csv');
  return `/api/v1/spend?${params.toString()}`;
}

/** The chart's columns: each day's start (seconds, UTC midnight of the date) and its cost in USD. */
export function chartData(rows: SpendRow[]): [number[], number[]] {
  const days: number[] = [];
  const costs: number[] = [];
  for (const row of rows) {
    if (!row.day) continue;
    const [y, m, d] = row.day.split('-').map(Number);
    days.push(Date.UTC(y, m - 1, d) / 1000);
    costs.push(Number(row.costUsd));
  }
  return [days, costs];
}

/**
 * The warning for usage of models without a price, or null: "2 requests of gpt-9 and my-model have no price:
 * their 1,200 tokens are not in the cost."
 */
export function unpricedWarning(total: SpendRow, models: string[]): string | null {
  if (total.unpricedEvents === 0) return null;
  const requests = total.unpricedEvents === 1 ? '1 request' : `${total.unpricedEvents.toLocaleString('en-US')} requests`;
  const names = models.length === 0 ? '' : ` of ${listed(models)}`;
  return `${requests}${names} ${total.unpricedEvents === 1 ? 'has' : 'have'} no price: their ${total.unpricedTokens.toLocaleString('en-US')} tokens are not in the cost.`;
}

function listed(names: string[]): string {
  return names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
