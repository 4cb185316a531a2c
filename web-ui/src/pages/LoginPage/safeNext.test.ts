import { describe, expect, it } from 'vitest';
import { safeNext } from './LoginPage';

describe('safeNext', () => {
  it('returns to the page the user asked for', () => {
    expect(safeNext('/sessions/0190-abc?x=1')).toBe('/sessions/0190-abc?x=1');
  });

  it('never leaves the site or loops to the login page', () => {
    expect(safeNext('//evil.example/x')).toBe('/');
    expect(safeNext('/\\evil.example')).toBe('/');
    expect(safeNext('https://evil.example')).toBe('/');
    expect(safeNext('/login?next=/')).toBe('/');
    expect(safeNext(null)).toBe('/');
  });
});
