import type { BudgetEvent, DayBudget, Session } from '../../api/types';

/** What the hub accepts as a budget in USD: a positive decimal below one million with at most 9 decimals. */
const USD = /^(0|[1-9][0-9]{0,5})(\.[0-9]{1,9})?$/;
const MAX_TOKENS = 1_000_000_000_000;

/** How far a session got into its own budget: the larger share of cost and tokens. */
export interface BudgetProgress {
  fraction: number;
  state: 'ok' | 'warning' | 'spent';
  /** "$0.04 of $0.05 · 1,200 of 10,000 tokens" */
  label: string;
}

function tokensOf(session: Session): number {
  const usage = session.usage;
  if (!usage) return 0;
  return usage.inputTokens + usage.outputTokens + usage.cacheReadTokens + usage.cacheCreationTokens;
}

export function budgetProgress(session: Session): BudgetProgress | null {
  const budget = session.budget;
  if (!budget) return null;
  const spentUsd = Number(session.usage?.costUsd ?? '0');
  const tokens = tokensOf(session);
  const parts: string[] = [];
  let fraction = 0;
  if (budget.costUsd !== null) {
    fraction = Math.max(fraction, spentUsd / Number(budget.costUsd));
    parts.push(`$${session.usage?.costUsd ?? '0'} of $${budget.costUsd}`);
  }
  if (budget.tokens !== null) {
    fraction = Math.max(fraction, tokens / budget.tokens);
    parts.push(`${tokens.toLocaleString('en-US')} of ${budget.tokens.toLocaleString('en-US')} tokens`);
  }
  const state = budget.spentAt || fraction >= 1 ? 'spent' : budget.warnedAt || fraction >= 0.8 ? 'warning' : 'ok';
  return { fraction, state, label: parts.join(' · ') };
}

/** The budget fields of a request from what was typed: empty means none. */
export function budgetFields(
  usd: string,
  tokens: string,
): { fields: { costUsd?: string; tokens?: number } } | { error: string } {
  const costUsd = usd.trim().replace(/^\$/, '');
  const count = tokens.trim().replace(/[ _,]/g, '');
  if (costUsd && (!USD.test(costUsd) || Number(costUsd) <= 0)) {
    return { error: 'A budget in USD is a positive amount such as 0.50 (below 1,000,000, at most 9 decimals).' };
  }
  if (count && (!/^[0-9]{1,13}$/.test(count) || Number(count) < 1 || Number(count) > MAX_TOKENS)) {
    return { error: 'A token budget is a whole number from 1 to 1,000,000,000,000.' };
  }
  const fields: { costUsd?: string; tokens?: number } = {};
  if (costUsd) fields.costUsd = costUsd;
  if (count) fields.tokens = Number(count);
  return { fields };
}

/** The words of a toast (and browser notification) for a budget event. */
export function eventMessage(event: BudgetEvent): { title: string; body: string } {
  const whose =
    event.scope === 'session'
      ? 'The session budget'
      : event.scope === 'user'
        ? `The day budget of ${event.user}`
        : `The day budget of ${event.path}`;
  const limit = [event.limitUsd !== null ? `$${event.limitUsd}` : null, event.limitTokens !== null ? `${event.limitTokens} tokens` : null]
    .filter(Boolean)
    .join(' and ');
  if (event.kind === 'warning') {
    return { title: 'Budget at 80 %', body: `${whose} (${limit}) is 80 % spent: $${event.spentUsd}, ${event.spentTokens} tokens.` };
  }
  return {
    title: 'Budget spent',
    body: `${whose} (${limit}) is spent: $${event.spentUsd}, ${event.spentTokens} tokens. ${
      event.scope === 'session' ? 'The session was stopped.' : 'Its sessions were stopped.'
    }`,
  };
}

/** Whom a day budget is for: "user alice", "project /home/me/shop on laptop". */
export function dayBudgetSubject(budget: DayBudget, hosts: { id: string; name: string }[]): string {
  if (budget.scope === 'user') return `user ${budget.user}`;
  const host = hosts.find((each) => each.id === budget.hostId)?.name ?? budget.hostId;
  return `project ${budget.path} on ${host}`;
}
