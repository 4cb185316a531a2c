import { describe, expect, it } from 'vitest';
import { costLabel, unpricedSessionsWarning, usageDetail, usageSummary } from './format';

const usage = {
  inputTokens: 12345,
  outputTokens: 678,
  cacheReadTokens: 1_234_567,
  cacheCreationTokens: 0,
  costUsd: '0.421337',
  estimatedCostUsd: '0',
  unpricedTokens: 0,
};

describe('usage', () => {
  it('sums up compactly and gives every figure exactly on demand', () => {
    expect(usageSummary(usage)).toMatch(/^1\.2M tok · \$0\.42$/);
    expect(usageDetail(usage)).toBe(
      `${(12345).toLocaleString()} input · 678 output · ${(1234567).toLocaleString()} cache read · 0 cache write tokens · $0.421337`,
    );
  });

  it('says how much is estimated and how many tokens have no price', () => {
    const mixed = { ...usage, estimatedCostUsd: '0.4', unpricedTokens: 1200 };
    expect(usageSummary(mixed)).toMatch(/^1\.2M tok · \$0\.42 est\. \+ unpriced$/);
    expect(usageDetail(mixed)).toMatch(/· \$0\.421337, of which \$0\.4 estimated · 1,?200 tokens unpriced$/);
  });

  it('says nothing for a session that reported nothing', () => {
    expect(usageSummary(null)).toBe('–');
    expect(usageDetail(null)).toBe('');
  });
});

describe('cost basis', () => {
  it('marks an estimate, an unknown cost and a mix, never a silent $0', () => {
    expect(costLabel({ costUsd: '0.42', estimatedCostUsd: '0', unpricedTokens: 0 })).toBe('$0.42');
    expect(costLabel({ costUsd: '0.42', estimatedCostUsd: '0.42', unpricedTokens: 0 })).toBe('$0.42 est.');
    expect(costLabel({ costUsd: '0', estimatedCostUsd: '0', unpricedTokens: 5000 })).toBe('unpriced');
    expect(costLabel({ costUsd: '0.42', estimatedCostUsd: '0', unpricedTokens: 5000 })).toBe('$0.42 + unpriced');
    expect(costLabel({ costUsd: '0.42', estimatedCostUsd: '0.02', unpricedTokens: 5000 })).toBe('$0.42 est. + unpriced');
  });

  it('counts the sessions of a list that used models without a price', () => {
    expect(unpricedSessionsWarning([usage, null])).toBeNull();
    expect(unpricedSessionsWarning([{ ...usage, unpricedTokens: 3100 }, usage, { ...usage, unpricedTokens: 1200 }])).toMatch(
      /^2 sessions used models without a price: their 4,?300 tokens are not in the cost\.$/,
    );
  });
});
