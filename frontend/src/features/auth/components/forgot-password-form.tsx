import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { InlineError, Notice } from '@/components/ui/states';
import { forgotPassword } from '@/features/auth/api/auth';

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Asks for a reset link by email. The answer is the same whether or not the account exists. */
export function ForgotPasswordForm() {
  const [email, setEmail] = useState('');
  const [error, setError] = useState<string | undefined>();
  const send = useMutation({ mutationFn: forgotPassword });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const next = EMAIL_RE.test(email.trim()) ? undefined : 'Enter a valid email address.';
    setError(next);
    if (!next) send.mutate(email.trim());
  };

  if (send.isSuccess) {
    return (
      <Notice tone="success">
        If an account has the address <strong>{send.variables}</strong>, a link to choose a new password is on its way. It works once, for 30 minutes.
      </Notice>
    );
  }
  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-label="Reset your password">
      <TextField label="Email" name="email" type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} error={error} required />
      <InlineError error={send.error} />
      <Button type="submit" loading={send.isPending} className="w-full">
        Send reset link
      </Button>
    </form>
  );
}
