import { useEffect, useState, type ReactNode } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { Card } from '@/components/ui/card';
import { Notice } from '@/components/ui/states';
import { resetTokenFrom } from '@/features/auth/api/auth';
import { ForgotPasswordForm } from '@/features/auth/components/forgot-password-form';
import { LoginForm } from '@/features/auth/components/login-form';
import { RegisterForm } from '@/features/auth/components/register-form';
import { ResetPasswordForm } from '@/features/auth/components/reset-password-form';

/** Only same-site paths are followed after login (no open redirect). */
export function safeNext(raw: string | null, fallback: string): string {
  if (!raw || !raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return fallback;
  if (['/login', '/register', '/admin/login', '/forgot-password', '/reset-password'].some((p) => raw.startsWith(p))) return fallback;
  return raw;
}

/** The narrow, titled column every sign-in page uses. */
function AuthLayout({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="mx-auto max-w-md space-y-4">
      <h1 className="text-2xl font-bold">{title}</h1>
      {children}
    </div>
  );
}

/** "Already registered? Log in" and the like, under the form. */
function OtherWay({ prompt, to, label }: { prompt: string; to: string; label: string }) {
  return (
    <p className="text-sm text-slate-700">
      {prompt}{' '}
      <Link to={to} className="font-medium text-blue-800 underline">
        {label}
      </Link>
    </p>
  );
}

function SignInPage({ title, fallback, offerRegister }: { title: string; fallback: string; offerRegister: boolean }) {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const next = safeNext(params.get('next'), fallback);
  return (
    <AuthLayout title={title}>
      {params.get('expired') === '1' && <Notice tone="warning">Your session has expired. Please log in again.</Notice>}
      {params.get('next') && params.get('expired') !== '1' && (
        <Notice tone="info">
          <span data-testid="login-reason">Please log in to see that page.</span>
        </Notice>
      )}
      {params.get('logged_out') === '1' && <Notice tone="success">You have been logged out.</Notice>}
      {params.get('deleted') === '1' && <Notice tone="success">Your account has been deleted.</Notice>}
      <Card>
        <LoginForm onSuccess={() => navigate(next, { replace: true })} />
        <p className="mt-3 text-sm">
          <Link to="/forgot-password" className="font-medium text-blue-800 underline">
            Forgot password?
          </Link>
        </p>
      </Card>
      {offerRegister && (
        <OtherWay prompt="No account yet?" to={`/register${params.get('next') ? `?next=${encodeURIComponent(next)}` : ''}`} label="Create one" />
      )}
    </AuthLayout>
  );
}

export function LoginPage() {
  return <SignInPage title="Log in" fallback="/dashboard" offerRegister />;
}

export function AdminLoginPage() {
  return <SignInPage title="Administrator log in" fallback="/admin" offerRegister={false} />;
}

export function RegisterPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const next = safeNext(params.get('next'), '/dashboard');
  return (
    <AuthLayout title="Create an account">
      <Card>
        <RegisterForm onSuccess={() => navigate(next, { replace: true })} />
      </Card>
      <OtherWay prompt="Already registered?" to="/login" label="Log in" />
    </AuthLayout>
  );
}

export function ForgotPasswordPage() {
  return (
    <AuthLayout title="Forgot your password?">
      <p className="text-sm text-slate-700">Enter the email of your account and we will mail you a link to choose a new password.</p>
      <Card>
        <ForgotPasswordForm />
      </Card>
      <OtherWay prompt="Remembered it?" to="/login" label="Log in" />
    </AuthLayout>
  );
}

export function ResetPasswordPage() {
  const location = useLocation();
  const navigate = useNavigate();
  // Read the token once, then drop it from the address bar (and so from the browser history).
  const [token] = useState(() => resetTokenFrom(location.hash));
  const hasHash = Boolean(location.hash);
  useEffect(() => {
    if (hasHash) void navigate({ pathname: '/reset-password', hash: '' }, { replace: true });
  }, [hasHash, navigate]);
  return (
    <AuthLayout title="Choose a new password">
      {token ? (
        <Card>
          <ResetPasswordForm token={token} onSuccess={() => navigate('/dashboard', { replace: true })} />
        </Card>
      ) : (
        <Notice tone="warning">
          This page needs the link from your reset mail (or the one an administrator gave you).{' '}
          <Link to="/forgot-password" className="font-medium underline">
            Ask for a new link
          </Link>
          .
        </Notice>
      )}
    </AuthLayout>
  );
}
