import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { InlineError } from '@/components/ui/states';
import { resetPassword } from '@/features/auth/api/auth';
import { isApiError } from '@/lib/api-client';
import { useStoreSession } from '@/lib/auth';
import type { User } from '@/types/api';
import { PASSWORD_RULE, passwordProblems } from '@/lib/password-strength';
import { StrengthMeter } from '@/components/ui/strength-meter';

type Errors = { new_password?: string; confirm?: string };

/** Sets a new password with the token of a reset link, then signs in. */
export function ResetPasswordForm({ token, onSuccess }: { token: string; onSuccess: (user: User) => void }) {
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const store = useStoreSession();
  const reset = useMutation({
    mutationFn: resetPassword,
    onSuccess: (res) => {
      store(res);
      onSuccess(res.user);
    },
    onError: (err) => {
      if (isApiError(err)) setErrors((prev) => ({ ...prev, ...err.fieldErrors() }));
    },
  });
  const deadLink = isApiError(reset.error) && reset.error.code === 'invalid_reset_token';

  const submit = (e: FormEvent) => {
    e.preventDefault();
    reset.reset();
    const next: Errors = {};
    const problems = passwordProblems({ password });
    if (problems.length) next.new_password = problems[0];
    if (confirm !== password) next.confirm = 'The passwords do not match.';
    setErrors(next);
    if (Object.values(next).some(Boolean)) return;
    reset.mutate({ token, new_password: password });
  };

  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-label="Choose a new password">
      <TextField
        label="New password"
        name="new_password"
        type="password"
        autoComplete="new-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        error={errors.new_password}
        hint={PASSWORD_RULE}
        required
      />
      <StrengthMeter password={password} />
      <TextField
        label="Confirm new password"
        name="confirm_password"
        type="password"
        autoComplete="new-password"
        value={confirm}
        onChange={(e) => setConfirm(e.target.value)}
        error={errors.confirm}
        required
      />
      <InlineError error={reset.error} />
      {deadLink && (
        <p className="text-sm text-slate-800">
          <Link to="/forgot-password" className="font-medium text-blue-800 underline">
            Ask for a new link
          </Link>
        </p>
      )}
      <Button type="submit" loading={reset.isPending} disabled={deadLink} className="w-full">
        Set new password
      </Button>
    </form>
  );
}
