import { useMutation } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { InlineError } from '@/components/ui/states';
import { formError, isApiError } from '@/lib/api-client';
import { login, useStoreSession } from '@/lib/auth';
import { register } from '@/features/auth/api/auth';
import type { User } from '@/types/api';
import { PASSWORD_RULE, passwordProblems } from '@/lib/password-strength';
import { StrengthMeter } from '@/components/ui/strength-meter';

type Values = { email: string; username: string; full_name: string; password: string; confirm: string };
type Errors = Partial<Record<keyof Values, string>>;

const USERNAME_RE = /^[A-Za-z0-9_.-]{3,32}$/;
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function validateRegistration(v: Values): Errors {
  const e: Errors = {};
  if (!EMAIL_RE.test(v.email.trim())) e.email = 'Enter a valid email address.';
  if (!USERNAME_RE.test(v.username.trim())) e.username = 'Use 3-32 letters, digits, _ . or -.';
  if (v.full_name.length > 100) e.full_name = 'Use at most 100 characters.';
  const problems = passwordProblems({ password: v.password, username: v.username, email: v.email });
  if (problems.length) e.password = problems[0];
  if (v.confirm !== v.password) e.confirm = 'The passwords do not match.';
  return e;
}

export function RegisterForm({ onSuccess }: { onSuccess: (user: User) => void }) {
  const [v, setV] = useState<Values>({ email: '', username: '', full_name: '', password: '', confirm: '' });
  const [errors, setErrors] = useState<Errors>({});
  const [touched, setTouched] = useState<Partial<Record<keyof Values, boolean>>>({});
  const ruleId = useId();
  const store = useStoreSession();

  const mutation = useMutation({
    mutationFn: async (values: Values) => {
      await register({
        email: values.email.trim(),
        username: values.username.trim(),
        password: values.password,
        ...(values.full_name.trim() ? { full_name: values.full_name.trim() } : {}),
      });
      // Registered: sign in straight away.
      return login({ username: values.username.trim(), password: values.password });
    },
    onSuccess: (res) => {
      store(res);
      onSuccess(res.user);
    },
    onError: (err) => {
      if (isApiError(err)) setErrors((prev) => ({ ...prev, ...err.fieldErrors() }));
    },
  });

  const set = (key: keyof Values) => (e: { target: { value: string } }) => {
    const next = { ...v, [key]: e.target.value };
    setV(next);
    if (touched[key]) setErrors(validateRegistration(next));
  };
  const blur = (key: keyof Values) => () => {
    setTouched((t) => ({ ...t, [key]: true }));
    const all = validateRegistration(v);
    setErrors((prev) => ({ ...prev, [key]: all[key] }));
  };
  const field = (key: keyof Values) => ({ name: key, value: v[key], onChange: set(key), onBlur: blur(key), error: errors[key] });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    mutation.reset(); // the last server answer goes; the new one (if any) replaces it
    const all = validateRegistration(v);
    setErrors(all);
    setTouched({ email: true, username: true, full_name: true, password: true, confirm: true });
    if (Object.values(all).some(Boolean)) return;
    mutation.mutate(v);
  };

  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-label="Create an account">
      <TextField label="Email" type="email" autoComplete="email" required {...field('email')} />
      <TextField label="Username" autoComplete="username" hint="3-32 letters, digits, _ . or -" required {...field('username')} />
      <TextField label="Full name (optional)" autoComplete="name" {...field('full_name')} />
      <div className="space-y-2">
        <TextField label="Password" type="password" autoComplete="new-password" aria-describedby={ruleId} required {...field('password')} />
        <p id={ruleId} className="text-xs text-slate-700">
          {PASSWORD_RULE}
        </p>
        <StrengthMeter password={v.password} username={v.username} email={v.email} />
      </div>
      <TextField label="Confirm password" type="password" autoComplete="new-password" required {...field('confirm')} />
      <InlineError error={formError(mutation.error, ['email', 'username', 'full_name', 'password'])} />
      <Button type="submit" loading={mutation.isPending} className="w-full">
        Create account
      </Button>
    </form>
  );
}
