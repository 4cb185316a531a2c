import { useMe } from '../../api/queries';
import { Failure, Loading } from '../../components/StateViews';
import { ApiTokensSection } from '../../modules/tokens/ApiTokensSection';

/** The signed-in person's own page: who they are and their API tokens. */
export function AccountPage() {
  const me = useMe();
  if (me.isPending) return <Loading what="your account" />;
  if (me.error || me.data === undefined) return <Failure error={me.error} onRetry={() => me.refetch()} />;
  return (
    <div className="page account-page">
      <div className="page-header">
        <h1>Account</h1>
        <span className="muted" data-testid="account-name">
          {me.data.username}
        </span>
      </div>
      <ApiTokensSection roles={me.data.roles} />
    </div>
  );
}
