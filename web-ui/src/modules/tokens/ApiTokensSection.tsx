import { useState, type FormEvent } from 'react';
import { useApiTokens, useCreateApiToken, useRevokeApiToken } from '../../api/tokenQueries';
import type { ApiToken, ApiTokenCreated, Role } from '../../api/types';
import { Badge } from '../../components/Badge';
import { BusyButton } from '../../components/BusyButton';
import { CopyButton } from '../../components/CopyButton';
import { Empty, Failure, Loading } from '../../components/StateViews';
import { fullTime, timeAgo } from '../format/format';
import { ROLES, roleName } from '../people/roles';
import './tokens.css';

const LIFETIMES = [
  { days: 7, label: '7 days' },
  { days: 30, label: '30 days' },
  { days: 90, label: '90 days' },
  { days: 365, label: '1 year' },
];

/** The roles a token of someone with `roles` may have: theirs and those below it. */
export function rolesUpTo(roles: readonly string[]): Role[] {
  const highest = Math.min(...roles.map((role) => ROLES.indexOf(role as Role)).filter((index) => index >= 0));
  return Number.isFinite(highest) ? ROLES.slice(highest) : [];
}

/** Whether a token can still be used: not revoked and not expired. */
function tokenState(token: ApiToken, now: number): 'active' | 'expired' | 'revoked' {
  if (token.revokedAt) return 'revoked';
  return Date.parse(token.expiresAt) <= now ? 'expired' : 'active';
}

/**
 * The signed-in person's API tokens for scripts and the CLI: create one (shown once, with a copy
 * button), see when each was last used, revoke one.
 */
export function ApiTokensSection({ roles }: { roles: readonly string[] }) {
  const tokens = useApiTokens();
  const create = useCreateApiToken();
  const revoke = useRevokeApiToken();
  const choices = rolesUpTo(roles);
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>(choices[choices.length - 1] ?? 'viewer');
  const [days, setDays] = useState(30);
  const [created, setCreated] = useState<ApiTokenCreated | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() === '') return;
    const expiresAt = new Date(Date.now() + days * 86_400_000).toISOString();
    create.mutate(
      { name: name.trim(), role, expiresAt },
      {
        onSuccess: (answer) => {
          setCreated(answer);
          setName('');
        },
      },
    );
  };

  return (
    <section className="tokens" aria-labelledby="tokens-heading">
      <h2 id="tokens-heading">API tokens</h2>
      <p className="muted">
        For scripts and the CLI: send one as <code>Authorization: Bearer drv_…</code>. A token acts as you, with its
        own role, never above yours. Revoking it, or your account being disabled, removed or given a lower role,
        stops it at once.
      </p>
      <form className="token-form" onSubmit={submit} data-testid="token-form">
        <label className="field">
          <span>Name</span>
          <input
            name="token-name"
            data-testid="token-name"
            value={name}
            maxLength={64}
            placeholder="e.g. nightly report"
            onChange={(event) => setName(event.target.value)}
          />
        </label>
        <label className="field">
          <span>Role</span>
          <select data-testid="token-role" value={role} onChange={(event) => setRole(event.target.value as Role)}>
            {choices.map((choice) => (
              <option key={choice} value={choice}>
                {roleName(choice)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Expires in</span>
          <select data-testid="token-expiry" value={days} onChange={(event) => setDays(Number(event.target.value))}>
            {LIFETIMES.map((lifetime) => (
              <option key={lifetime.days} value={lifetime.days}>
                {lifetime.label}
              </option>
            ))}
          </select>
        </label>
        <button
          type="submit"
          className="button button-primary"
          data-testid="create-token"
          disabled={create.isPending || name.trim() === ''}
        >
          {create.isPending ? 'Creating…' : 'Create token'}
        </button>
      </form>
      {create.error ? <Failure error={create.error} /> : null}
      {created && (
        <div className="token-created" role="status" data-testid="token-created">
          <p>
            <strong>Copy the token “{created.token.name}” now.</strong> It is not shown again: Drover keeps only a hash
            of it.
          </p>
          <div className="code-block" data-testid="token-secret">
            {created.secret}
          </div>
          <div className="token-created-actions">
            <CopyButton text={created.secret} label="Copy token" />
            <button type="button" className="button button-small" onClick={() => setCreated(null)}>
              Done
            </button>
          </div>
        </div>
      )}
      {revoke.error ? <Failure error={revoke.error} /> : null}
      <TokenList
        tokens={tokens.data}
        loading={tokens.isPending}
        error={tokens.error}
        onRetry={() => tokens.refetch()}
        revokingId={revoke.isPending ? (revoke.variables ?? null) : null}
        onRevoke={(token) => revoke.mutate(token.id)}
      />
    </section>
  );
}

interface TokenListProps {
  tokens: ApiToken[] | undefined;
  loading: boolean;
  error: unknown;
  onRetry: () => void;
  revokingId: string | null;
  onRevoke: (token: ApiToken) => void;
}

function TokenList({ tokens, loading, error, onRetry, revokingId, onRevoke }: TokenListProps) {
  if (loading) return <Loading what="API tokens" />;
  if (error || tokens === undefined) return <Failure error={error} onRetry={onRetry} />;
  if (tokens.length === 0) return <Empty>No API tokens yet.</Empty>;
  const now = Date.now();
  return (
    <table className="data-table" data-testid="tokens">
      <thead>
        <tr>
          <th>Name</th>
          <th>Role</th>
          <th>State</th>
          <th>Last used</th>
          <th>Expires</th>
          <th>Created</th>
          <th>
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {tokens.map((token) => {
          const state = tokenState(token, now);
          return (
            <tr key={token.id} data-testid="token-row" data-name={token.name} data-state={state}>
              <td data-label="Name" className="token-name">
                {token.name}
              </td>
              <td data-label="Role">{roleName(token.role)}</td>
              <td data-label="State">
                {state === 'active' ? (
                  <Badge tone="good">Active</Badge>
                ) : state === 'expired' ? (
                  <Badge tone="muted">Expired</Badge>
                ) : (
                  <span title={`Revoked ${fullTime(token.revokedAt ?? null)}`}>
                    <Badge tone="bad">Revoked</Badge>
                  </span>
                )}
              </td>
              <td data-label="Last used" data-testid="token-last-used" title={fullTime(token.lastUsedAt ?? null)}>
                {token.lastUsedAt ? timeAgo(token.lastUsedAt) : <span className="muted">never</span>}
              </td>
              <td data-label="Expires" title={fullTime(token.expiresAt)}>
                {new Date(token.expiresAt).toLocaleDateString()}
              </td>
              <td data-label="Created" title={fullTime(token.createdAt)}>
                {timeAgo(token.createdAt)}
              </td>
              <td className="token-actions">
                {state === 'active' && (
                  <BusyButton
                    testId="revoke-token"
                    label="Revoke"
                    busyLabel="Revoking"
                    tone="danger"
                    busy={revokingId === token.id}
                    onClick={() => onRevoke(token)}
                  />
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
