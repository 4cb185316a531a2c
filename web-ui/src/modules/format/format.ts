import type { Usage } from '../../api/types';

const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1000],
];
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto', style: 'short' });

/** "3 min. ago", "now", "–" for no time. */
export function timeAgo(iso: string | null, now: number = Date.now()): string {
  if (!iso) return '–';
  const elapsed = new Date(iso).getTime() - now;
  if (Number.isNaN(elapsed)) return '–';
  for (const [unit, ms] of units) {
    if (Math.abs(elapsed) >= ms || unit === 'second') {
      if (unit === 'second' && Math.abs(elapsed) < 10_000) return 'just now';
      return relative.format(Math.round(elapsed / ms), unit);
    }
  }
  return '–';
}

export function fullTime(iso: string | null): string {
  return iso ? new Date(iso).toLocaleString() : '';
}

const compact = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 });

/** "12.3K tok · $0.42"; "–" when the session reported nothing. */
export function usageSummary(usage: Usage | null): string {
  if (!usage) return '–';
  const tokens = usage.inputTokens + usage.outputTokens + usage.cacheReadTokens + usage.cacheCreationTokens;
  if (tokens === 0 && Number(usage.costUsd) === 0) return '–';
  return `${compact.format(tokens)} tok · ${formatCost(usage.costUsd)}`;
}

const exact = new Intl.NumberFormat();

/**
 * Every figure of `usage`, exact: "12,345 input · 678 output · 9,000 cache read · 0 cache write
 * tokens · $0.421337"; empty when the session reported nothing.
 */
export function usageDetail(usage: Usage | null): string {
  if (!usage) return '';
  return (
    `${exact.format(usage.inputTokens)} input · ${exact.format(usage.outputTokens)} output · ` +
    `${exact.format(usage.cacheReadTokens)} cache read · ${exact.format(usage.cacheCreationTokens)} cache write ` +
    `tokens · $${usage.costUsd}`
  );
}

/** Shows a decimal string as dollars with cents, keeping sub-cent amounts visible. */
export function formatCost(costUsd: string): string {
  const value = Number(costUsd);
  if (!Number.isFinite(value)) return `$${costUsd}`;
  if (value > 0 && value < 0.01) return `$${value.toFixed(4)}`;
  return `$${value.toFixed(2)}`;
}
