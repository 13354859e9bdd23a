import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Badge, Card, PageHeader } from '@/components/ui/card';
import { ConfirmMutation } from '@/components/ui/dialog';
import { EmptyState, ErrorState, InlineError, LoadingState, Notice } from '@/components/ui/states';
import { isApiError } from '@/lib/api-client';
import { dateTime } from '@/lib/format';
import { ResultCard } from '@/components/segments/result-card';
import { createProfile, deleteProfile, predictProfile, profilesKey, updateProfile, useProfiles, type ProfileInput } from '@/features/profiles/api/profiles';
import { customerSummary } from '@/lib/schema-format';
import { labelOf, syncModelVersion, useSchema } from '@/lib/schema';
import { ProfileForm } from '@/features/profiles/components/profile-form';
import type { Prediction, Profile } from '@/types/api';

export function ProfilesPage() {
  const qc = useQueryClient();
  const profiles = useProfiles();
  const schema = useSchema();
  const [editing, setEditing] = useState<Profile | 'new' | null>(null);
  const [toDelete, setToDelete] = useState<Profile | null>(null);
  const [predicted, setPredicted] = useState<{ profile: Profile; prediction: Prediction } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const refresh = () => qc.invalidateQueries({ queryKey: profilesKey });

  const save = useMutation({
    mutationFn: (input: ProfileInput) =>
      editing && editing !== 'new' ? updateProfile(editing.id, { ...input, version: editing.version }) : createProfile(input),
    onSuccess: (p) => {
      setNotice(editing === 'new' ? `Saved “${p.name}”.` : `Updated “${p.name}”.`);
      setEditing(null);
      void refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (p: Profile) => deleteProfile(p.id),
    onSuccess: (_r, p) => {
      setNotice(`Deleted “${p.name}”.`);
      setToDelete(null);
      if (predicted?.profile.id === p.id) setPredicted(null);
      void refresh();
    },
  });
  const run = useMutation({
    mutationFn: (p: Profile) => predictProfile(p.id),
    onSuccess: (prediction, profile) => {
      setPredicted({ profile, prediction });
      syncModelVersion(qc, prediction.model_version);
      void qc.invalidateQueries({ queryKey: ['history'] });
    },
  });

  const stale = isApiError(save.error) && save.error.status === 409;
  const list = profiles.data?.pages.flatMap((p) => p.profiles) ?? [];

  const startEdit = (p: Profile | 'new') => {
    save.reset();
    setNotice(null);
    setEditing(p);
  };

  return (
    <div className="space-y-5">
      <PageHeader
        title="Customer profiles"
        description="Save customers you look at often and predict them in one click."
        actions={<Button onClick={() => startEdit('new')}>New profile</Button>}
      />
      {notice && <Notice tone="success">{notice}</Notice>}
      {editing && (
        <Card
          title={editing === 'new' ? 'New profile' : `Edit “${editing.name}”`}
          actions={
            <Button variant="ghost" size="sm" onClick={() => setEditing(null)}>
              Cancel
            </Button>
          }
        >
          {schema.isLoading ? (
            <LoadingState label="Loading the model's fields" />
          ) : schema.error ? (
            <ErrorState error={schema.error} onRetry={() => void schema.refetch()} />
          ) : schema.data ? (
            <ProfileForm
              key={`${editing === 'new' ? 'new' : `${editing.id}-${editing.version}`}-${schema.data.model_version}`}
              schema={schema.data}
              profile={editing === 'new' ? null : editing}
              busy={save.isPending}
              serverErrors={isApiError(save.error) ? save.error.fieldErrors() : undefined}
              others={list}
              onSubmit={(input) => save.mutate(input)}
            />
          ) : null}
          <div className="mt-3 space-y-2">
            <InlineError error={save.error} />
            {stale && editing !== 'new' && (
              <Button
                variant="secondary"
                size="sm"
                onClick={async () => {
                  await refresh();
                  const fresh = qc
                    .getQueryData<{ pages: { profiles: Profile[] }[] }>(profilesKey)
                    ?.pages.flatMap((pg) => pg.profiles)
                    .find((x) => x.id === editing.id);
                  save.reset();
                  setEditing(fresh ?? null);
                }}
              >
                Load the latest version
              </Button>
            )}
          </div>
        </Card>
      )}
      {predicted && (
        <div className="space-y-2">
          <ResultCard prediction={predicted.prediction} title={`Prediction for “${predicted.profile.name}”`} />
        </div>
      )}
      <InlineError error={run.error} />
      {profiles.isLoading ? (
        <LoadingState label="Loading profiles" />
      ) : profiles.error ? (
        <ErrorState error={profiles.error} onRetry={() => void profiles.refetch()} />
      ) : list.length === 0 ? (
        <EmptyState title="No saved profiles">Choose “New profile” to save a customer.</EmptyState>
      ) : (
        <ul className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3" aria-label="Saved profiles">
          {list.map((p) => (
            <li key={p.id} className="min-w-0 rounded-xl border border-slate-200 bg-white p-4 shadow-sm" data-testid="profile-card">
              <h2 className="font-semibold text-slate-900 wrap-anywhere">{p.name}</h2>
              {p.customer_id && <p className="text-xs text-slate-600 wrap-anywhere">Customer {p.customer_id}</p>}
              <p className="mt-1 text-sm text-slate-700 wrap-anywhere">{customerSummary(p.features, schema.data)}</p>
              {p.fits_active_model === false && (
                <p className="mt-1 text-sm text-amber-900" data-testid="profile-misfit">
                  <Badge tone="amber">Does not fit the active model</Badge>{' '}
                  {p.missing_fields.length
                    ? `Missing: ${p.missing_fields.map((n) => labelOf(schema.data, n)).join(', ')}. Edit it to add them.`
                    : 'Edit it to match the active model’s fields.'}
                </p>
              )}
              {p.notes && <p className="mt-1 text-sm italic text-slate-700 wrap-anywhere whitespace-pre-line">{p.notes}</p>}
              <p className="mt-1 text-xs text-slate-600">Updated {dateTime(p.updated_at)}</p>
              <div className="mt-3 flex flex-wrap gap-2">
                <Button size="sm" loading={run.isPending && run.variables?.id === p.id} onClick={() => run.mutate(p)} srLabel={`Predict ${p.name}`}>
                  Predict
                </Button>
                <Button size="sm" variant="secondary" onClick={() => startEdit(p)} srLabel={`Edit ${p.name}`}>
                  Edit
                </Button>
                <Button
                  size="sm"
                  variant="secondary"
                  className="text-red-800"
                  srLabel={`Delete ${p.name}`}
                  onClick={() => {
                    remove.reset();
                    setToDelete(p);
                  }}
                >
                  Delete
                </Button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {profiles.hasNextPage && (
        <Button variant="secondary" loading={profiles.isFetchingNextPage} onClick={() => void profiles.fetchNextPage()}>
          Load more
        </Button>
      )}
      <ConfirmMutation
        target={toDelete}
        mutation={remove}
        title="Delete this profile?"
        message={<>“{toDelete?.name}” will be deleted. Its past predictions stay in your history.</>}
        confirmLabel="Delete profile"
        onCancel={() => setToDelete(null)}
      />
    </div>
  );
}
