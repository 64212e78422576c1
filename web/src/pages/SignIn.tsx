/**
 * Sign-in. On a developer's machine (embedded mode) pick a demo tenant and role and the server
 * issues a token; anywhere else paste the token your administrator or identity provider gave you.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useAuth } from '../auth';

const TENANTS = ['acme', 'globex', 'initech'];
const ROLES = ['admin', 'editor', 'viewer'];

export function SignIn() {
  const { signIn } = useAuth();
  const [devAvailable, setDevAvailable] = useState<boolean | null>(null);
  const [tenant, setTenant] = useState('acme');
  const [role, setRole] = useState('admin');
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    fetch('/auth/options')
      .then(async (r) => setDevAvailable(r.ok && ((await r.json()) as { devSignIn?: boolean }).devSignIn === true))
      .catch(() => setDevAvailable(false));
  }, []);

  async function devSignIn(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const res = await fetch('/auth/dev-token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ tenant, role, user: `${role}@${tenant}` }),
    });
    if (!res.ok) return setError('The server refused to sign you in.');
    signIn(((await res.json()) as { token: string }).token);
  }

  function tokenSignIn(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      signIn(token);
    } catch (err) {
      setError((err as Error).message);
    }
  }

  return (
    <main className="signin">
      <h1>Reportcast</h1>
      <p className="muted">Analytics reports and scheduled exports.</p>
      {devAvailable && (
        <form className="card" onSubmit={devSignIn} aria-label="developer sign-in">
          <h2>Sign in to the demo</h2>
          <label>
            Tenant
            <select value={tenant} onChange={(e) => setTenant(e.target.value)} name="tenant">
              {TENANTS.map((t) => <option key={t}>{t}</option>)}
            </select>
          </label>
          <label>
            Role
            <select value={role} onChange={(e) => setRole(e.target.value)} name="role">
              {ROLES.map((r) => <option key={r}>{r}</option>)}
            </select>
          </label>
          <button type="submit" className="primary">Sign in</button>
        </form>
      )}
      <form className="card" onSubmit={tokenSignIn} aria-label="token sign-in">
        <h2>{devAvailable ? 'Or use a token' : 'Sign in with a token'}</h2>
        <textarea value={token} onChange={(e) => setToken(e.target.value)} placeholder="eyJhbGciOi…" rows={3} aria-label="token" />
        <button type="submit">Use token</button>
      </form>
      {error && <p role="alert" className="error">{error}</p>}
    </main>
  );
}
