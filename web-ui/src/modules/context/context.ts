import type { Session } from '../../api/types';

/** How full the context of a session's latest model request was. */
export type ContextUse =
  | {
      known: true;
      /** 0 to 1 (more when a request passed its window). */
      fraction: number;
      /** ok below 80 %, warning from 80 %, full from 95 %. */
      state: 'ok' | 'warning' | 'full';
      /** "3 %" */
      label: string;
      /** "5,888 of 200,000 tokens in the latest request (claude-opus-5-5)" */
      detail: string;
    }
  | { known: false; label: 'window unknown'; detail: string };

const exact = new Intl.NumberFormat('en-US');

/** The context use of a session's latest request, or null before any request reported its prompt. */
export function contextUse(session: Pick<Session, 'contextTokens' | 'contextWindow' | 'contextModel'>): ContextUse | null {
  const tokens = session.contextTokens;
  if (tokens === null || tokens === undefined) return null;
  const model = session.contextModel ? ` (${session.contextModel})` : '';
  const window = session.contextWindow;
  if (!window) {
    return {
      known: false,
      label: 'window unknown',
      detail: `${exact.format(tokens)} tokens in the latest request${model}; its profile lists no context window for the model`,
    };
  }
  const fraction = tokens / window;
  return {
    known: true,
    fraction,
    state: fraction >= 0.95 ? 'full' : fraction >= 0.8 ? 'warning' : 'ok',
    label: `${Math.floor(fraction * 100)} %`,
    detail: `${exact.format(tokens)} of ${exact.format(window)} tokens in the latest request${model}`,
  };
}
