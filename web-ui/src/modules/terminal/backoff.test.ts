import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff';
import { closeAction } from './connection';

const policy = { initialMs: 500, maxMs: 15_000 };

describe('backoffDelay', () => {
  it('doubles the ceiling per attempt, between half and all of it', () => {
    expect(backoffDelay(0, policy, () => 0)).toBe(250);
    expect(backoffDelay(0, policy, () => 1)).toBe(500);
    expect(backoffDelay(3, policy, () => 0)).toBe(2000);
    expect(backoffDelay(3, policy, () => 1)).toBe(4000);
  });

  it('never exceeds the cap, however many attempts', () => {
    for (const attempt of [5, 6, 10, 100, 10_000]) {
      expect(backoffDelay(attempt, policy, () => 1)).toBe(15_000);
      expect(backoffDelay(attempt, policy, () => 0)).toBe(7_500);
    }
  });

  it('stays within bounds with real randomness', () => {
    for (let attempt = 0; attempt < 50; attempt++) {
      const ceiling = Math.min(15_000, 500 * 2 ** attempt);
      const delay = backoffDelay(attempt, policy);
      expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
      expect(delay).toBeLessThanOrEqual(ceiling);
    }
  });
});

describe('closeAction', () => {
  it('follows the close codes of docs/api/terminal.md', () => {
    expect(closeAction(1000)).toBe('end');
    expect(closeAction(1001)).toBe('reconnect');
    expect(closeAction(1006)).toBe('reconnect');
    expect(closeAction(4503)).toBe('reconnect');
    expect(closeAction(4416)).toBe('resync');
    expect(closeAction(1007)).toBe('fail');
    expect(closeAction(1008)).toBe('fail');
  });
});
