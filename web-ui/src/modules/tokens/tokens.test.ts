import { describe, expect, it } from 'vitest';
import { rolesUpTo } from './ApiTokensSection';

describe('rolesUpTo', () => {
  it('offers a token the owner role and those below it, never above', () => {
    expect(rolesUpTo(['admin'])).toEqual(['admin', 'operator', 'viewer']);
    expect(rolesUpTo(['operator'])).toEqual(['operator', 'viewer']);
    expect(rolesUpTo(['viewer'])).toEqual(['viewer']);
  });

  it('offers nothing to a login without a role', () => {
    expect(rolesUpTo([])).toEqual([]);
    expect(rolesUpTo(['password-change-only'])).toEqual([]);
  });
});
