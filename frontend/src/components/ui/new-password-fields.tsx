import { TextField } from '@/components/ui/field';
import { StrengthMeter } from '@/components/ui/strength-meter';
import type { FieldBinding } from '@/components/ui/use-text-fields';
import { PASSWORD_RULE } from '@/lib/password-strength';

type NewPasswordFieldsProps = {
  password: FieldBinding;
  confirm: FieldBinding;
  /** The account's own names, which the strength meter counts against the password. */
  username?: string;
  email?: string;
  required?: boolean;
};

/** A new password with its rule and strength meter, then its confirmation (changing it, or with a reset link). */
export function NewPasswordFields({ password, confirm, username, email, required }: NewPasswordFieldsProps) {
  return (
    <>
      <TextField label="New password" type="password" autoComplete="new-password" hint={PASSWORD_RULE} required={required} {...password} />
      <StrengthMeter password={password.value} username={username} email={email} />
      <TextField label="Confirm new password" type="password" autoComplete="new-password" required={required} {...confirm} />
    </>
  );
}
