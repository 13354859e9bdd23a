import { useState } from 'react';
import { TextAreaField, TextField } from '@/components/ui/field';
import { CustomerForm, fromFeatures } from '@/features/dashboard/components/customer-form';
import type { ModelSchema, Profile } from '@/types/api';
import { profileFeatures, type ProfileInput } from '../api/profiles';

export function ProfileForm({ schema, profile, busy, serverErrors, onSubmit }: { schema: ModelSchema; profile?: Profile | null; busy?: boolean; serverErrors?: Record<string, string>; onSubmit: (input: ProfileInput) => void }) {
  const [name, setName] = useState(profile?.name ?? '');
  const [customerId, setCustomerId] = useState(profile?.customer_id ?? '');
  const [notes, setNotes] = useState(profile?.notes ?? '');
  const [nameError, setNameError] = useState<string | undefined>();
  const validName = () => {
    const err = !name.trim() ? 'Give the profile a name.' : name.length > 100 ? 'Use at most 100 characters.' : undefined;
    setNameError(err);
    return !err;
  };
  return (
    <CustomerForm
      schema={schema}
      idPrefix={profile ? `profile-${profile.id}` : 'profile-new'}
      initial={profile ? fromFeatures(schema, profileFeatures(profile)) : undefined}
      submitLabel={profile ? 'Save changes' : 'Save profile'}
      busy={busy}
      serverErrors={serverErrors}
      extraValid={validName}
      before={
        <>
          <TextField label="Profile name" name="name" value={name} onChange={(e) => setName(e.target.value)} onBlur={validName} error={nameError ?? serverErrors?.name} required />
          <TextField label="Customer id (optional)" name="customer_id" value={customerId} onChange={(e) => setCustomerId(e.target.value)} error={serverErrors?.customer_id} maxLength={128} />
        </>
      }
      after={<TextAreaField label="Notes (optional)" name="notes" rows={2} value={notes} onChange={(e) => setNotes(e.target.value)} error={serverErrors?.notes} />}
      onSubmit={(features) => onSubmit({ name: name.trim(), features, customer_id: customerId.trim() || null, notes: notes.trim() || null })}
    />
  );
}
