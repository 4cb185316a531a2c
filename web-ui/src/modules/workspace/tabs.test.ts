import { describe, expect, it } from 'vitest';
import { parseTabIds, tabForKey, withTab, workspaceHref } from './tabs';

const key = (init: Partial<Parameters<typeof tabForKey>[0]>) => ({
  key: '',
  altKey: false,
  ctrlKey: false,
  shiftKey: false,
  metaKey: false,
  ...init,
});

describe('workspace tabs', () => {
  it('reads ids from the query, each once, in order', () => {
    expect(parseTabIds(' a, b,,a ,c')).toEqual(['a', 'b', 'c']);
    expect(parseTabIds(null)).toEqual([]);
  });

  it('builds links with readable commas and the active tab', () => {
    expect(workspaceHref(['a', 'b'], 'b')).toBe('/terminals?ids=a,b&tab=b');
    expect(withTab(['a'], 'b')).toEqual(['a', 'b']);
    expect(withTab(['a', 'b'], 'a')).toEqual(['a', 'b']);
  });

  it('switches with Alt+1…9 (9 is the last tab)', () => {
    expect(tabForKey(key({ altKey: true, key: '2', code: 'Digit2' }), 3, 0)).toBe(1);
    expect(tabForKey(key({ altKey: true, key: '¡', code: 'Digit1' }), 3, 2)).toBe(0);
    expect(tabForKey(key({ altKey: true, key: '9', code: 'Digit9' }), 3, 0)).toBe(2);
    expect(tabForKey(key({ altKey: true, key: '5', code: 'Digit5' }), 3, 0)).toBeNull();
  });

  it('switches with Ctrl+Alt+←/→, wrapping around', () => {
    expect(tabForKey(key({ altKey: true, ctrlKey: true, key: 'ArrowRight' }), 3, 2)).toBe(0);
    expect(tabForKey(key({ altKey: true, ctrlKey: true, key: 'ArrowLeft' }), 3, 0)).toBe(2);
  });

  it('leaves every other key to the terminal', () => {
    expect(tabForKey(key({ key: '1', code: 'Digit1' }), 3, 0)).toBeNull();
    expect(tabForKey(key({ ctrlKey: true, key: 'ArrowRight' }), 3, 0)).toBeNull();
    expect(tabForKey(key({ altKey: true, key: 'b', code: 'KeyB' }), 3, 0)).toBeNull();
    expect(tabForKey(key({ altKey: true, key: '1', code: 'Digit1' }), 0, 0)).toBeNull();
  });
});
