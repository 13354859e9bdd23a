import { TextField } from '@/components/ui/field';
import { StrengthMeter } from '@/components/ui/strength-meter';
import { PASSWORD_RULE } from '@/lib/password-strength';

type NewPasswordFieldsProps = {
  password: string;
  onPassword: (password: string) => void;
  confirm: string;
  onConfirm: (confirm: string) => void;
  errors: { new_password?: string; confirm?: string };
  /** The account's own names, which the strength meter counts against the password. */
  username?: string;
  email?: string;
  required?: boolean;
};

/** A new password with its rule and strength meter, then its confirmation (changing it, or with a reset link). */
export function NewPasswordFields({ password, onPassword, confirm, onConfirm, errors, username, email, required }: NewPasswordFieldsProps) {
  return (
    <>
      <TextField
        label="New password"
        type="password"
        name="new_password"
        autoComplete="new-password"
        value={password}
        onChange={(e) => onPassword(e.target.value)}
        error={errors.new_password}
        hint={PASSWORD_RULE}
        required={required}
      />
      <StrengthMeter password={password} username={username} email={email} />
      <TextField
        label="Confirm new password"
        type="password"
        name="confirm_password"
        autoComplete="new-password"
        value={confirm}
        onChange={(e) => onConfirm(e.target.value)}
        error={errors.confirm}
        required={required}
      />
    </>
  );
}
