// The terminal workspace (`/terminals?ids=a,b,c`): several sessions in tabs. The URL is the
// state; the last workspace is remembered so "Open in tab" elsewhere adds to it.

export const WORKSPACE_KEY = 'drover.workspace.tabs';

/** Session ids from the `ids` query parameter: trimmed, non-empty, each once, in order. */
export function parseTabIds(value: string | null): string[] {
  const ids = (value ?? '').split(',').map((id) => id.trim()).filter((id) => id !== '');
  return [...new Set(ids)];
}

export function workspaceHref(ids: string[], active?: string): string {
  const params = new URLSearchParams({ ids: ids.join(',') });
  if (active) params.set('tab', active);
  return `/terminals?${params.toString().replace(/%2C/g, ',')}`;
}

export function withTab(ids: string[], id: string): string[] {
  return ids.includes(id) ? ids : [...ids, id];
}

/** The keys that switch tabs, as much of a KeyboardEvent as they need. */
export interface TabKey {
  key: string;
  code?: string;
  altKey: boolean;
  ctrlKey: boolean;
  shiftKey: boolean;
  metaKey: boolean;
}

/**
 * The tab a keystroke switches to, or `null` when it is not a tab shortcut: Alt+1…9 picks a tab
 * (9 the last), Ctrl+Alt+←/→ the previous or next one (wrapping).
 */
export function tabForKey(event: TabKey, count: number, active: number): number | null {
  if (count === 0 || event.metaKey || event.shiftKey) return null;
  if (event.altKey && event.ctrlKey && (event.key === 'ArrowLeft' || event.key === 'ArrowRight')) {
    const step = event.key === 'ArrowLeft' ? -1 : 1;
    return (active + step + count) % count;
  }
  if (event.altKey && !event.ctrlKey) {
    const digit = /^Digit([1-9])$/.exec(event.code ?? '')?.[1] ?? (/^[1-9]$/.test(event.key) ? event.key : null);
    if (digit === null) return null;
    const index = Number(digit) - 1;
    if (index === 8) return count - 1;
    return index < count ? index : null;
  }
  return null;
}

export function rememberedTabs(): string[] {
  try {
    return parseTabIds(window.localStorage.getItem(WORKSPACE_KEY));
  } catch {
    return [];
  }
}

export function rememberTabs(ids: string[]): void {
  try {
    window.localStorage.setItem(WORKSPACE_KEY, ids.join(','));
  } catch {
    // Storage blocked: the URL still holds the workspace.
  }
}

/** The workspace link that adds `id` to the remembered tabs and shows it. */
export function openInTabHref(id: string): string {
  return workspaceHref(withTab(rememberedTabs(), id), id);
}

/** Opens the session's terminal alone in a detached window (just another viewer). */
export function popOutTerminal(sessionId: string): void {
  window.open(
    `/sessions/${encodeURIComponent(sessionId)}/terminal-only`,
    `drover-terminal-${sessionId}`,
    'popup,width=960,height=600',
  );
}
