import { RequireAuth } from '@/lib/auth';
import { AccountPage } from '@/features/account/components/account-page';

export function AccountRoute() {
  return (
    <RequireAuth>
      <AccountPage />
    </RequireAuth>
  );
}
