import { type FormEvent, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { ApiError, errorMessage } from '../../api/client';
import { useLogin, useOidcProvider } from '../../api/queries';
import { Spinner } from '../../components/Spinner';
import './LoginPage.css';

/** Only same-site paths: `next` comes from the URL, so it must not send the user elsewhere. */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\') || next.startsWith('/login')) {
    return '/';
  }
  return next;
}

export function LoginPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const login = useLogin();
  const provider = useOidcProvider();
  /** Why the OIDC provider's sign-in was refused: the hub's reason, or the provider's error. */
  const refused = params.get('error_description') ?? params.get('error');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate(
      { username: username.trim(), password },
      { onSuccess: () => navigate(safeNext(params.get('next')), { replace: true }) },
    );
  };

  const failure =
    login.error instanceof ApiError && login.error.status === 401
      ? 'Wrong username or password.'
      : login.error
        ? errorMessage(login.error)
        : refused;

  return (
    <div className="login">
      <form className="card login-card" onSubmit={submit} noValidate>
        <h1 className="login-title">
          <span className="brand-mark" aria-hidden>
            ❯_
          </span>{' '}
          Drover
        </h1>
        <p className="muted">Sign in to your control plane.</p>
        {provider.data && (
          <>
            <a className="button button-primary" href={provider.data.loginUrl} data-testid="oidc-sign-in">
              Sign in with {provider.data.name}
            </a>
            <p className="login-or muted">or with a local account</p>
          </>
        )}
        <label className="field">
          <span>Username</span>
          <input
            name="username"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            autoFocus
            required
            value={username}
            onChange={(event) => {
              setUsername(event.target.value);
              login.reset();
            }}
          />
        </label>
        <label className="field">
          <span>Password</span>
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => {
              setPassword(event.target.value);
              login.reset();
            }}
          />
        </label>
        {failure && (
          <p className="form-error" role="alert" data-testid="login-error">
            {failure}
          </p>
        )}
        <button type="submit" className="button button-primary" disabled={login.isPending || !username || !password}>
          {login.isPending ? (
            <>
              <Spinner label="Signing in" /> Signing in…
            </>
          ) : (
            'Sign in'
          )}
        </button>
      </form>
    </div>
  );
}
