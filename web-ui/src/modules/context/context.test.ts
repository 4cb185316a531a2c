import { describe, expect, it } from 'vitest';
import { contextUse } from './context';

const session = (contextTokens: number | null, contextWindow: number | null, contextModel: string | null = 'claude-opus-5-5') => ({
  contextTokens,
  contextWindow,
  contextModel,
});

describe('contextUse', () => {
  it('is nothing before a request reported its prompt', () => {
    expect(contextUse(session(null, null, null))).toBeNull();
  });

  it('gives the share of the window with the exact numbers', () => {
    expect(contextUse(session(5888, 200_000))).toEqual({
      known: true,
      fraction: 0.02944,
      state: 'ok',
      label: '2 %',
      detail: '5,888 of 200,000 tokens in the latest request (claude-opus-5-5)',
    });
  });

  it('turns amber at 80 % and red at 95 %', () => {
    expect(contextUse(session(159_999, 200_000))).toMatchObject({ state: 'ok', label: '79 %' });
    expect(contextUse(session(160_000, 200_000))).toMatchObject({ state: 'warning', label: '80 %' });
    expect(contextUse(session(189_999, 200_000))).toMatchObject({ state: 'warning', label: '94 %' });
    expect(contextUse(session(190_000, 200_000))).toMatchObject({ state: 'full', label: '95 %' });
    expect(contextUse(session(210_000, 200_000))).toMatchObject({ state: 'full', label: '105 %' });
  });

  it('says "window unknown" when the profile lists no window for the model', () => {
    expect(contextUse(session(700, null, 'my-proxy-model'))).toEqual({
      known: false,
      label: 'window unknown',
      detail: '700 tokens in the latest request (my-proxy-model); its profile lists no context window for the model',
    });
  });
});
