import type { ReactNode } from 'react';
import { errorMessage } from '../api/client';
import { Spinner } from './Spinner';

export function Loading({ what }: { what: string }) {
  return (
    <div className="state state-loading">
      <Spinner /> Loading {what}…
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="state state-empty">{children}</div>;
}

export function Failure({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <div className="state state-error" role="alert">
      <span>{errorMessage(error)}</span>
      {onRetry && (
        <button type="button" className="button button-small" onClick={onRetry}>
          Retry
        </button>
      )}
    </div>
  );
}
