import type { ReactNode } from 'react';
import { useMe } from '../api/queries';
import type { User } from '../api/types';
import { Spinner } from './Spinner';
import { Failure } from './StateViews';

/** Renders {@code children} for the signed-in user, with a spinner while asking who that is. */
export function SignedIn({ children }: { children: (user: User) => ReactNode }) {
  const me = useMe();
  if (me.isPending) {
    return (
      <div className="fullscreen-center">
        <Spinner label="Signing in" />
      </div>
    );
  }
  if (me.isError) {
    return (
      <div className="fullscreen-center">
        <Failure error={me.error} onRetry={() => me.refetch()} />
      </div>
    );
  }
  return <>{children(me.data)}</>;
}
