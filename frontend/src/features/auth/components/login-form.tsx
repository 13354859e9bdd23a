import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { useTextFields } from '@/components/ui/use-text-fields';
import { InlineError } from '@/components/ui/states';
import { useLogin } from '@/lib/auth';
import type { User } from '@/types/api';

export function LoginForm({ onSuccess }: { onSuccess: (user: User) => void }) {
  const [errors, setErrors] = useState<{ username?: string; password?: string }>({});
  const { values: v, field } = useTextFields({ username: '', password: '' }, errors);
  const login = useLogin();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    login.reset();
    const next: typeof errors = {};
    if (!v.username.trim()) next.username = 'Enter your username or email.';
    if (!v.password) next.password = 'Enter your password.';
    setErrors(next);
    if (Object.keys(next).length) return;
    login.mutate({ username: v.username.trim(), password: v.password }, { onSuccess: (res) => onSuccess(res.user) });
  };

  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-label="Log in">
      <TextField label="Username or email" autoComplete="username" required {...field('username')} />
      <TextField label="Password" type="password" autoComplete="current-password" required {...field('password')} />
      <InlineError error={login.error} />
      <Button type="submit" loading={login.isPending} className="w-full">
        Log in
      </Button>
    </form>
  );
}
