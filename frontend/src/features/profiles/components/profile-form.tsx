import { useState } from 'react';
import { TextAreaField, TextField } from '@/components/ui/field';
import { CustomerForm, fromFeatures } from '@/components/segments/customer-form';
import type { ModelSchema, Profile } from '@/types/api';
import type { ProfileInput } from '../api/profiles';

/** Another saved profile with this name (case and spaces aside), or null. */
export function sameName(name: string, others: readonly Pick<Profile, 'id' | 'name'>[], self?: Profile | null): string | null {
  const key = name.trim().toLowerCase();
  if (!key) return null;
  return others.find((o) => o.id !== self?.id && o.name.trim().toLowerCase() === key)?.name ?? null;
}

export function ProfileForm({
  schema,
  profile,
  busy,
  serverErrors,
  others = [],
  onSubmit,
}: {
  schema: ModelSchema;
  profile?: Profile | null;
  busy?: boolean;
  serverErrors?: Record<string, string>;
  /** The other saved profiles: a name already in use is pointed out (saving it is still allowed). */
  others?: readonly Pick<Profile, 'id' | 'name'>[];
  onSubmit: (input: ProfileInput) => void;
}) {
  const [name, setName] = useState(profile?.name ?? '');
  const [customerId, setCustomerId] = useState(profile?.customer_id ?? '');
  const [notes, setNotes] = useState(profile?.notes ?? '');
  const [nameError, setNameError] = useState<string | undefined>();
  const duplicate = sameName(name, others, profile);
  const validName = () => {
    const err = !name.trim() ? 'Give the profile a name.' : name.length > 100 ? 'Use at most 100 characters.' : undefined;
    setNameError(err);
    return !err;
  };
  return (
    <CustomerForm
      schema={schema}
      idPrefix={profile ? `profile-${profile.id}` : 'profile-new'}
      initial={profile ? fromFeatures(schema, profile.features) : undefined}
      submitLabel={profile ? 'Save changes' : 'Save profile'}
      busy={busy}
      serverErrors={serverErrors}
      extraValid={validName}
      before={
        <>
          <TextField
            label="Profile name"
            name="name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            onBlur={validName}
            error={nameError ?? serverErrors?.name}
            hint={
              duplicate ? (
                <span role="status" className="font-medium text-amber-900" data-testid="duplicate-name">
                  You already have a profile named “{duplicate}”; saving keeps both. Choose another name to tell them apart.
                </span>
              ) : undefined
            }
            required
          />
          <TextField
            label="Customer id (optional)"
            name="customer_id"
            value={customerId}
            onChange={(e) => setCustomerId(e.target.value)}
            error={serverErrors?.customer_id}
            maxLength={128}
          />
        </>
      }
      after={
        <TextAreaField label="Notes (optional)" name="notes" rows={2} value={notes} onChange={(e) => setNotes(e.target.value)} error={serverErrors?.notes} />
      }
      onSubmit={(features) => onSubmit({ name: name.trim(), features, customer_id: customerId.trim() || null, notes: notes.trim() || null })}
    />
  );
}
