import type { InboxItem } from '../../api/types';

/** The sessions that count: those waiting for a person that the reader did not mute. */
export function counted(items: InboxItem[]): InboxItem[] {
  return items.filter((item) => !item.muted);
}

/** The tab's title: how many sessions need you, then the app's name. */
export function pageTitle(count: number, base = 'Drover'): string {
  return count > 0 ? `(${count}) ${base}` : base;
}

/** One key per transition, so each transition notifies once (ADR 0024). */
export function transitionKey(item: Pick<InboxItem, 'sessionId' | 'since' | 'state'>): string {
  return `${item.sessionId}|${item.since}|${item.state}`;
}

/**
 * The transitions to notify about: counted, not seen before. The first answer only fills
 * {@code seen} (what waited before the page opened is on the page, not news).
 */
export function newTransitions(items: InboxItem[], seen: Set<string>, first: boolean): InboxItem[] {
  const fresh = counted(items).filter((item) => !seen.has(transitionKey(item)));
  fresh.forEach((item) => seen.add(transitionKey(item)));
  return first ? [] : fresh;
}

/** The session the reader is looking at now (its page or the active workspace tab, in a visible tab), if any. */
export function inView(location: { pathname: string; search: string }, visible: boolean): string | null {
  if (!visible) return null;
  const page = /^\/sessions\/([^/]+)(\/terminal-only)?$/.exec(location.pathname);
  if (page) return decodeURIComponent(page[1]);
  if (location.pathname !== '/terminals') return null;
  const params = new URLSearchParams(location.search);
  const ids = (params.get('ids') ?? '').split(',').filter((id) => id !== '');
  return params.get('tab') ?? ids[0] ?? null;
}

/** Whether the reader is looking at the session now. */
export function lookingAt(sessionId: string, location: { pathname: string; search: string }, visible: boolean): boolean {
  return inView(location, visible) === sessionId;
}

/** Where the session is: host, project and branch. */
export function place(item: Pick<InboxItem, 'hostName' | 'project' | 'branch'>): string {
  return [item.hostName, item.project, item.branch && `(${item.branch})`].filter(Boolean).join(' · ');
}

/** A browser notification's title and body for a session that needs someone. */
export function notificationText(item: InboxItem): { title: string; body: string } {
  const what = item.state === 'needs-approval' ? 'needs approval' : 'needs an answer';
  return {
    title: `${item.profile ?? 'A session'} ${what}`,
    body: `${place(item)}${item.detail ? `\n${item.detail}` : ''}`,
  };
}

/** How long a session has waited, short: `12 s`, `4 min`, `2 h`, `3 d`. */
export function waited(since: string, now: number): string {
  const seconds = Math.max(0, Math.floor((now - Date.parse(since)) / 1000));
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h`;
  return `${Math.floor(seconds / 86_400)} d`;
}

const FAVICON =
  '<rect width="32" height="32" rx="6" fill="#0f1115"/>' +
  '<path d="M8 10l7 6-7 6" stroke="#6ee7b7" stroke-width="3" fill="none" stroke-linecap="round" stroke-linejoin="round"/>' +
  '<path d="M17 22h7" stroke="#6ee7b7" stroke-width="3" stroke-linecap="round"/>';

/** The favicon as an SVG data URL: Drover's mark, with a red badge counting the sessions that need you. */
export function faviconUrl(count: number): string {
  const label = count > 9 ? '9+' : String(count);
  const badge =
    count > 0
      ? '<circle cx="22" cy="10" r="10" fill="#dc2626"/>' +
        `<text x="22" y="14.5" text-anchor="middle" font-family="sans-serif" font-weight="700" font-size="${label.length > 1 ? 10 : 13}" fill="#fff">${label}</text>`
      : '';
  return `data:image/svg+xml,${encodeURIComponent(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">${FAVICON}${badge}</svg>`)}`;
}
