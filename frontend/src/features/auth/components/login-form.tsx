import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { InlineError } from '@/components/ui/states';
import { useLogin } from '@/lib/auth';
import type { User } from '@/types/api';

export function LoginForm({ onSuccess }: { onSuccess: (user: User) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<{ username?: string; password?: string }>({});
  const login = useLogin();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    login.reset();
    const next: typeof errors = {};
    if (!username.trim()) next.username = 'Enter your username or email.';
    if (!password) next.password = 'Enter your password.';
    setErrors(next);
    if (Object.keys(next).length) return;
    login.mutate({ username: username.trim(), password }, { onSuccess: (res) => onSuccess(res.user) });
  };

  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-label="Log in">
      <TextField
        label="Username or email"
        name="username"
        autoComplete="username"
        value={username}
        onChange={(e) => setUsername(e.target.value)}
        error={errors.username}
        required
      />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        error={errors.password}
        required
      />
      <InlineError error={login.error} />
      <Button type="submit" loading={login.isPending} className="w-full">
        Log in
      </Button>
    </form>
  );
}
