import { describe, expect, it } from 'vitest';
import type { BudgetEvent, Session } from '../../api/types';
import { session } from '../sessions/sessionFixture';
import { budgetFields, budgetProgress, eventMessage } from './budget';

function withBudget(costUsd: string, budget: Session['budget']): Session {
  return session('s1', {
    usage: { inputTokens: 1000, outputTokens: 200, cacheReadTokens: 0, cacheCreationTokens: 0, costUsd, estimatedCostUsd: '0', unpricedTokens: 0 },
    budget,
  });
}

describe('budgetProgress', () => {
  it('is null without a budget', () => {
    expect(budgetProgress(withBudget('0.01', null))).toBeNull();
  });

  it('takes the larger share of cost and tokens', () => {
    const progress = budgetProgress(withBudget('0.01', { costUsd: '0.05', tokens: 1500, warnedAt: null, spentAt: null }));
    expect(progress?.fraction).toBeCloseTo(0.8);
    expect(progress?.state).toBe('warning');
    expect(progress?.label).toBe('$0.01 of $0.05 · 1,200 of 1,500 tokens');
  });

  it('is spent once the hub says so', () => {
    const progress = budgetProgress(
      withBudget('0.04', { costUsd: '0.05', tokens: null, warnedAt: '2026-12-07T08:00:00Z', spentAt: '2026-12-07T08:01:00Z' }),
    );
    expect(progress?.state).toBe('spent');
  });
});

describe('budgetFields', () => {
  it('accepts amounts and counts, empty as none', () => {
    expect(budgetFields('$0.50', '10,000')).toEqual({ fields: { costUsd: '0.50', tokens: 10000 } });
    expect(budgetFields('', '')).toEqual({ fields: {} });
  });

  it.each(['-1', 'NaN', '0', '1e9', '1000000', '0.0000000001', 'abc'])('refuses %s USD', (usd) => {
    expect(budgetFields(usd, '')).toHaveProperty('error');
  });

  it.each(['-5', '0', '1.5', '1000000000001'])('refuses %s tokens', (tokens) => {
    expect(budgetFields('', tokens)).toHaveProperty('error');
  });
});

describe('eventMessage', () => {
  it('says whose budget and what was spent', () => {
    const event: BudgetEvent = {
      id: 'e',
      kind: 'spent',
      scope: 'user',
      sessionId: 's',
      user: 'alice',
      hostId: null,
      path: null,
      day: '2026-12-07',
      limitUsd: '20',
      limitTokens: null,
      spentUsd: '20.01',
      spentTokens: 5000,
      at: '2026-12-07T08:00:00Z',
    };
    expect(eventMessage(event)).toEqual({
      title: 'Budget spent',
      body: 'The day budget of alice ($20) is spent: $20.01, 5000 tokens. Its sessions were stopped.',
    });
  });
});
