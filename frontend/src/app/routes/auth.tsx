import { Link, useNavigate, useSearchParams } from 'react-router';
import { Card } from '@/components/ui/card';
import { Notice } from '@/components/ui/states';
import { LoginForm } from '@/features/auth/components/login-form';
import { RegisterForm } from '@/features/auth/components/register-form';

/** Only same-site paths are followed after login (no open redirect). */
export function safeNext(raw: string | null, fallback: string): string {
  if (!raw || !raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return fallback;
  if (raw.startsWith('/login') || raw.startsWith('/register') || raw.startsWith('/admin/login')) return fallback;
  return raw;
}

function LoginPage({ title, fallback }: { title: string; fallback: string }) {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const next = safeNext(params.get('next'), fallback);
  return (
    <div className="mx-auto max-w-md space-y-4">
      <h1 className="text-2xl font-bold">{title}</h1>
      {params.get('expired') === '1' && <Notice tone="warning">Your session has expired. Please log in again.</Notice>}
      {params.get('logged_out') === '1' && <Notice tone="success">You have been logged out.</Notice>}
      {params.get('deleted') === '1' && <Notice tone="success">Your account has been deleted.</Notice>}
      <Card>
        <LoginForm onSuccess={() => navigate(next, { replace: true })} />
      </Card>
      <p className="text-sm text-slate-700">
        No account yet?{' '}
        <Link to={`/register${params.get('next') ? `?next=${encodeURIComponent(next)}` : ''}`} className="font-medium text-blue-800 underline">
          Create one
        </Link>
      </p>
    </div>
  );
}

export function LoginRoute() {
  return <LoginPage title="Log in" fallback="/dashboard" />;
}

export function AdminLoginRoute() {
  return <LoginPage title="Administrator log in" fallback="/admin" />;
}

export function RegisterRoute() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const next = safeNext(params.get('next'), '/dashboard');
  return (
    <div className="mx-auto max-w-md space-y-4">
      <h1 className="text-2xl font-bold">Create an account</h1>
      <Card>
        <RegisterForm onSuccess={() => navigate(next, { replace: true })} />
      </Card>
      <p className="text-sm text-slate-700">
        Already registered?{' '}
        <Link to="/login" className="font-medium text-blue-800 underline">
          Log in
        </Link>
      </p>
    </div>
  );
}
