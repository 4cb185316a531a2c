import { describe, expect, it } from 'vitest';
import { passwordProblem, roleName, userNameProblem } from './roles';

describe('passwordProblem', () => {
  it('accepts a password the hub accepts', () => {
    expect(passwordProblem('alice', 'a-long-enough-password')).toBeNull();
  });

  it('counts characters, not UTF-16 units, for the minimum', () => {
    expect(passwordProblem('alice', '😀'.repeat(11))).toBe('At least 12 characters.');
    expect(passwordProblem('alice', '😀'.repeat(12))).toBeNull();
  });

  it('refuses what bcrypt would cut at 72 bytes', () => {
    expect(passwordProblem('alice', 'é'.repeat(37))).toMatch(/^At most 72 bytes/);
    expect(passwordProblem('alice', 'é'.repeat(36))).toBeNull();
  });

  it('refuses control characters and the user name in any case', () => {
    expect(passwordProblem('alice', 'tab\there-and-more')).toBe('No control characters.');
    expect(passwordProblem('alice-the-admin', 'ALICE-THE-ADMIN')).toBe('Not the user name.');
  });
});

describe('userNameProblem', () => {
  it('follows the hub rule', () => {
    expect(userNameProblem('alice.smith@example.com')).toBeNull();
    expect(userNameProblem('')).toBe('Give a user name.');
    expect(userNameProblem('with space')).toMatch(/^Letters/);
    expect(userNameProblem('x'.repeat(65))).toBe('At most 64 characters.');
  });
});

describe('roleName', () => {
  it('names known roles and passes unknown ones through', () => {
    expect(roleName('viewer')).toBe('Viewer (read-only)');
    expect(roleName('auditor')).toBe('auditor');
  });
});
