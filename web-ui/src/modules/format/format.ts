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

/** A cost and how it was found, as sessions and spend rows carry it. */
export interface CostWithBasis {
  costUsd: string;
  estimatedCostUsd: string;
  unpricedTokens: number;
}

/**
 * "$0.42" (reported by the CLI), "$0.42 est." (partly priced from the profiles' tables), "unpriced" (only models
 * without a price: the cost is unknown, never $0) or "$0.42 + unpriced".
 */
export function costLabel(cost: CostWithBasis): string {
  const amount = `${formatCost(cost.costUsd)}${Number(cost.estimatedCostUsd) > 0 ? ' est.' : ''}`;
  if (cost.unpricedTokens === 0) return amount;
  return Number(cost.costUsd) > 0 ? `${amount} + unpriced` : 'unpriced';
}

/** "12.3K tok · $0.42 est."; "–" when the session reported nothing. */
export function usageSummary(usage: Usage | null): string {
  if (!usage) return '–';
  const tokens = usage.inputTokens + usage.outputTokens + usage.cacheReadTokens + usage.cacheCreationTokens;
  if (tokens === 0 && Number(usage.costUsd) === 0) return '–';
  return `${compact.format(tokens)} tok · ${costLabel(usage)}`;
}

const exact = new Intl.NumberFormat();

/**
 * Every figure of `usage`, exact: "12,345 input · 678 output · 9,000 cache read · 0 cache write
 * tokens · $0.421337, of which $0.4 estimated · 1,200 tokens unpriced"; empty when the session reported nothing.
 */
export function usageDetail(usage: Usage | null): string {
  if (!usage) return '';
  const estimated = Number(usage.estimatedCostUsd) > 0 ? `, of which $${usage.estimatedCostUsd} estimated` : '';
  const unpriced = usage.unpricedTokens > 0 ? ` · ${exact.format(usage.unpricedTokens)} tokens unpriced` : '';
  return (
    `${exact.format(usage.inputTokens)} input · ${exact.format(usage.outputTokens)} output · ` +
    `${exact.format(usage.cacheReadTokens)} cache read · ${exact.format(usage.cacheCreationTokens)} cache write ` +
    `tokens · $${usage.costUsd}${estimated}${unpriced}`
  );
}

/**
 * The fleet's warning for sessions that used models without a price: "2 sessions used models without a price:
 * their 4,300 tokens are not in the cost."; null when none did.
 */
export function unpricedSessionsWarning(usages: (Usage | null)[]): string | null {
  const unpriced = usages.filter((usage): usage is Usage => (usage?.unpricedTokens ?? 0) > 0);
  if (unpriced.length === 0) return null;
  const tokens = unpriced.reduce((sum, usage) => sum + usage.unpricedTokens, 0);
  const sessions = unpriced.length === 1 ? '1 session' : `${unpriced.length} sessions`;
  return `${sessions} used models without a price: their ${exact.format(tokens)} tokens are not in the cost.`;
}

/** Shows a decimal string as dollars with cents, keeping sub-cent amounts visible. */
export function formatCost(costUsd: string): string {
  const value = Number(costUsd);
  if (!Number.isFinite(value)) return `$${costUsd}`;
  if (value > 0 && value < 0.01) return `$${value.toFixed(4)}`;
  return `$${value.toFixed(2)}`;
}
