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
import { useTextFields } from '@/components/ui/use-text-fields';

type Errors = { new_password?: string; confirm_password?: string };

/** Sets a new password with the token of a reset link, then signs in. */
export function ResetPasswordForm({ token, onSuccess }: { token: string; onSuccess: (user: User) => void }) {
  const [errors, setErrors] = useState<Errors>({});
  const { values: v, field } = useTextFields({ new_password: '', confirm_password: '' }, errors);
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
    const problems = passwordProblems({ password: v.new_password });
    if (problems.length) next.new_password = problems[0];
    if (v.confirm_password !== v.new_password) next.confirm_password = 'The passwords do not match.';
    setErrors(next);
    if (Object.values(next).some(Boolean)) return;
    reset.mutate({ token, new_password: v.new_password });
  };

  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-label="Choose a new password">
      <NewPasswordFields password={field('new_password')} confirm={field('confirm_password')} required />
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
