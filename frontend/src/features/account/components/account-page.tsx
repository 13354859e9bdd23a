import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { Button } from '@/components/ui/button';
import { Card, PageHeader, Stat } from '@/components/ui/card';
import { ConfirmDialog } from '@/components/ui/dialog';
import { TextField } from '@/components/ui/field';
import { useTextFields } from '@/components/ui/use-text-fields';
import { ErrorState, InlineError, LoadingState, Notice } from '@/components/ui/states';
import { formError, isApiError } from '@/lib/api-client';
import { ME_KEY, useStoreSession, useUser } from '@/lib/auth';
import { session } from '@/lib/session';
import { dateOnly } from '@/lib/format';
import { changePassword, deleteMe, getMyProfile, updateMe } from '@/features/account/api/account';
import { passwordProblems } from '@/lib/password-strength';
import { NewPasswordFields } from '@/components/ui/new-password-fields';
import type { User } from '@/types/api';

function DetailsForm({ user }: { user: User }) {
  const qc = useQueryClient();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const { values: v, field } = useTextFields({ email: user.email, username: user.username, full_name: user.full_name ?? '' }, errors);
  const save = useMutation({
    mutationFn: updateMe,
    onSuccess: (u) => {
      qc.setQueriesData({ queryKey: ME_KEY }, u);
      void qc.invalidateQueries({ queryKey: ['account'] });
    },
    onError: (e) => isApiError(e) && setErrors(e.fieldErrors()),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.reset(); // an older answer (error or "saved") must not stay next to the new one
    const errs: Record<string, string> = {};
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.email.trim())) errs.email = 'Enter a valid email address.';
    if (!/^[A-Za-z0-9_.-]{3,32}$/.test(v.username.trim())) errs.username = 'Use 3-32 letters, digits, _ . or -.';
    setErrors(errs);
    if (Object.keys(errs).length) return;
    const input: { email?: string; username?: string; full_name?: string } = {};
    if (v.email.trim() !== user.email) input.email = v.email.trim();
    if (v.username.trim() !== user.username) input.username = v.username.trim();
    if (v.full_name.trim() !== (user.full_name ?? '')) input.full_name = v.full_name.trim();
    if (!Object.keys(input).length) return;
    save.mutate(input);
  };
  return (
    <form onSubmit={submit} noValidate className="space-y-3" aria-label="Your details">
      <TextField label="Email" type="email" autoComplete="email" {...field('email')} />
      <TextField label="Username" autoComplete="username" {...field('username')} />
      <TextField label="Full name" autoComplete="name" {...field('full_name')} />
      <InlineError error={formError(save.error, ['email', 'username', 'full_name'])} />
      {save.isSuccess && <Notice tone="success">Your details were saved.</Notice>}
      <Button type="submit" loading={save.isPending}>
        Save details
      </Button>
    </form>
  );
}

function PasswordForm({ user }: { user: User }) {
  const store = useStoreSession();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const { values: v, setValues, field } = useTextFields({ current_password: '', new_password: '', confirm_password: '' }, errors);
  const change = useMutation({
    mutationFn: changePassword,
    onSuccess: (res) => {
      // Every older token is dead now: keep the new one.
      store(res);
      setValues({ current_password: '', new_password: '', confirm_password: '' });
    },
    onError: (e) => isApiError(e) && setErrors(e.fieldErrors()),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    change.reset(); // an older answer (e.g. "Password is too common") must not stay next to the new one
    const errs: Record<string, string> = {};
    if (!v.current_password) errs.current_password = 'Enter your current password.';
    const problems = passwordProblems({ password: v.new_password, username: user.username, email: user.email });
    if (problems.length) errs.new_password = problems[0]!;
    if (v.confirm_password !== v.new_password) errs.confirm_password = 'The passwords do not match.';
    setErrors(errs);
    if (Object.keys(errs).length) return;
    change.mutate({ current_password: v.current_password, new_password: v.new_password });
  };
  return (
    <form onSubmit={submit} noValidate className="space-y-3" aria-label="Change password">
      <TextField label="Current password" type="password" autoComplete="current-password" {...field('current_password')} />
      <NewPasswordFields password={field('new_password')} confirm={field('confirm_password')} username={user.username} email={user.email} />
      <InlineError error={formError(change.error, ['current_password', 'new_password'])} />
      {change.isSuccess && <Notice tone="success">Your password was changed. Other sessions were signed out.</Notice>}
      <Button type="submit" loading={change.isPending}>
        Change password
      </Button>
    </form>
  );
}

const DELETED_URL = '/login?deleted=1';

function DeleteAccount() {
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const { values, setValues, field } = useTextFields({ delete_password: '' }, {});
  const del = useMutation({
    mutationFn: () => deleteMe(values.delete_password),
    onSuccess: () => {
      session.clear('logout', DELETED_URL);
      qc.clear();
      navigate(DELETED_URL, { replace: true });
    },
  });
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-800">Deleting your account removes your saved profiles and your prediction history. This cannot be undone.</p>
      <Button
        variant="danger"
        onClick={() => {
          del.reset();
          setValues({ delete_password: '' });
          setOpen(true);
        }}
      >
        Delete my account
      </Button>
      <ConfirmDialog
        open={open}
        title="Delete your account?"
        message="Type your password to confirm. Your profiles and history are deleted with the account."
        confirmLabel="Delete account"
        busy={del.isPending}
        error={<InlineError error={del.error} />}
        onConfirm={() => values.delete_password && del.mutate()}
        onCancel={() => setOpen(false)}
      >
        <TextField label="Password" type="password" autoComplete="current-password" {...field('delete_password')} />
      </ConfirmDialog>
    </div>
  );
}

export function AccountPage() {
  const { user } = useUser();
  const profile = useQuery({ queryKey: ['account', 'profile'], queryFn: ({ signal }) => getMyProfile(signal) });
  if (!user) return null;
  return (
    <div className="space-y-5">
      <PageHeader title="Your account" description={`Signed in as ${user.username} (${user.role}).`} />
      {profile.isLoading ? (
        <LoadingState label="Loading your statistics" />
      ) : profile.error ? (
        <ErrorState error={profile.error} onRetry={() => void profile.refetch()} />
      ) : (
        <dl className="grid grid-cols-1 gap-3 sm:grid-cols-4">
          <Stat label="Predictions" value={profile.data?.total_predictions.toLocaleString() ?? '—'} testId="account-predictions" />
          <Stat label="Saved profiles" value={profile.data?.total_saved_profiles.toLocaleString() ?? '—'} />
          <Stat label="Role" value={profile.data?.role ?? user.role} />
          <Stat label="Member since" value={dateOnly(profile.data?.created_at ?? user.created_at)} />
        </dl>
      )}
      <div className="grid grid-cols-1 gap-5 lg:grid-cols-2">
        <Card title="Details">
          <DetailsForm key={user.updated_at} user={user} />
        </Card>
        <Card title="Password">
          <PasswordForm user={user} />
        </Card>
      </div>
      <Card title="Delete account">
        <DeleteAccount />
      </Card>
    </div>
  );
}
