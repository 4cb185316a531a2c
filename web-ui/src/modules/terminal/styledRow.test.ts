import { describe, expect, it } from 'vitest';
import { indexedColor, styledRuns } from './styledRow';
import { terminalTheme } from './theme';

describe('styledRuns', () => {
  it('splits a row as the daemon writes it into styled runs', () => {
    expect(styledRuns('\u001b[0m$ \u001b[0;1;38;5;2mok\u001b[0;48;2;10;20;30m bg\u001b[0m')).toEqual([
      { text: '$ ' },
      { text: 'ok', bold: true, color: terminalTheme.green },
      { text: ' bg', background: 'rgb(10, 20, 30)' },
    ]);
  });

  it('swaps the colours of inverse cells, defaults included', () => {
    expect(styledRuns('\u001b[0;7mSEL\u001b[0;7;38;5;1mX\u001b[0m')).toEqual([
      { text: 'SEL', color: terminalTheme.background, background: terminalTheme.foreground },
      { text: 'X', color: terminalTheme.background, background: terminalTheme.red },
    ]);
  });

  it('keeps a plain row whole', () => {
    expect(styledRuns('no escapes here')).toEqual([{ text: 'no escapes here' }]);
  });
});

describe('indexedColor', () => {
  it('maps the cube and the greys as xterm does', () => {
    expect(indexedColor(196)).toBe('rgb(255, 0, 0)');
    expect(indexedColor(16)).toBe('rgb(0, 0, 0)');
    expect(indexedColor(232)).toBe('rgb(8, 8, 8)');
    expect(indexedColor(255)).toBe('rgb(238, 238, 238)');
  });
});
