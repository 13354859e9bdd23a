import { useState } from 'react';
import { TextAreaField, TextField } from '@/components/ui/field';
import { CustomerForm, EMPTY_CUSTOMER, fromFeatures } from '@/features/dashboard/components/customer-form';
import type { Profile } from '@/types/api';
import type { ProfileInput } from '../api/profiles';

export function ProfileForm({ profile, busy, serverErrors, onSubmit }: { profile?: Profile | null; busy?: boolean; serverErrors?: Record<string, string>; onSubmit: (input: ProfileInput) => void }) {
  const [name, setName] = useState(profile?.name ?? '');
  const [notes, setNotes] = useState(profile?.notes ?? '');
  const [nameError, setNameError] = useState<string | undefined>();
  const validName = () => {
    const err = !name.trim() ? 'Give the profile a name.' : name.length > 100 ? 'Use at most 100 characters.' : undefined;
    setNameError(err);
    return !err;
  };
  return (
    <CustomerForm
      idPrefix={profile ? `profile-${profile.id}` : 'profile-new'}
      initial={profile ? fromFeatures(profile) : EMPTY_CUSTOMER}
      submitLabel={profile ? 'Save changes' : 'Save profile'}
      busy={busy}
      serverErrors={serverErrors}
      extraValid={validName}
      before={<TextField label="Profile name" name="name" value={name} onChange={(e) => setName(e.target.value)} onBlur={validName} error={nameError ?? serverErrors?.name} required />}
      after={<TextAreaField label="Notes (optional)" name="notes" rows={2} value={notes} onChange={(e) => setNotes(e.target.value)} error={serverErrors?.notes} />}
      onSubmit={(features) => onSubmit({ ...features, name: name.trim(), notes: notes.trim() || null })}
    />
  );
}
