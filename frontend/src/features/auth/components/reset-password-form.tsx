import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Button } from '@/components/ui/button';
import { InlineError } from '@/components/ui/states';
import { resetPassword } from '@/features/auth/api/auth';
import { isApiError } from '@/lib/api-client';
import { useStoreSession } from '@/lib/auth';
import type { User } from '@/types/api';
import { passwordProblems } from '@/lib/password-strength';
import { NewPasswordFields } from '@/components/ui/new-password-fields';

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
      <NewPasswordFields password={password} onPassword={setPassword} confirm={confirm} onConfirm={setConfirm} errors={errors} required />
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
