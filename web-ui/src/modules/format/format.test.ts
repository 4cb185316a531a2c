import { describe, expect, it } from 'vitest';
import { usageDetail, usageSummary } from './format';

const usage = { inputTokens: 12345, outputTokens: 678, cacheReadTokens: 1_234_567, cacheCreationTokens: 0, costUsd: '0.421337' };

describe('usage', () => {
  it('sums up compactly and gives every figure exactly on demand', () => {
    expect(usageSummary(usage)).toMatch(/^1\.2M tok · \$0\.42$/);
    expect(usageDetail(usage)).toBe(
      `${(12345).toLocaleString()} input · 678 output · ${(1234567).toLocaleString()} cache read · 0 cache write tokens · $0.421337`,
    );
  });

  it('says nothing for a session that reported nothing', () => {
    expect(usageSummary(null)).toBe('–');
    expect(usageDetail(null)).toBe('');
  });
});
