import { describe, expect, it } from 'vitest';
import { BETWEEN_LOG_AND_SCREEN, canRebuild, planRebuild, type Repaint } from './rebuild';

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const text = (chunks: Uint8Array[]) => chunks.map((chunk) => decoder.decode(chunk)).join('');
const repaint = (offset: number, data: string, screenAt: number | null = 6): Repaint => ({
  offset,
  data: encoder.encode(data),
  screenAt,
  logStart: 0,
  size: { cols: 80, rows: 24 },
});

describe('planRebuild', () => {
  it('splits the log at the repaint offset, wherever its chunks end, and puts the live bytes last', () => {
    const plan = planRebuild(
      repaint(100 + 9, 'scrollSCREEN') as Repaint & { screenAt: number },
      { from: 100, chunks: ['abc', 'defghi', 'jk'].map((s) => encoder.encode(s)) },
      [encoder.encode('live')],
      false,
    );
    expect(text(plan.older)).toBe(`abcdefghi${decoder.decode(BETWEEN_LOG_AND_SCREEN)}`);
    expect(decoder.decode(plan.screen)).toBe('SCREEN');
    expect(text(plan.newer)).toBe('jklive');
  });

  it('a log read from the middle starts after its first line feed, even in a later chunk', () => {
    const plan = planRebuild(
      repaint(21, 'scrollSCREEN') as Repaint & { screenAt: number },
      { from: 0, chunks: ['[1;3', '1mtail\nline', ' two\r\n'].map((s) => encoder.encode(s)) },
      [],
      true,
    );
    expect(text(plan.older)).toBe(`line two\r\n${decoder.decode(BETWEEN_LOG_AND_SCREEN)}`);
  });

  it('a repaint needs screenAt within its data and logStart to rebuild', () => {
    expect(canRebuild(repaint(5, 'ab'))).toBe(false);
    expect(canRebuild(repaint(5, 'ab', null))).toBe(false);
    expect(canRebuild(repaint(5, 'scrollSCREEN'))).toBe(true);
    expect(canRebuild({ ...repaint(5, 'scrollSCREEN'), logStart: null })).toBe(false);
  });
});
