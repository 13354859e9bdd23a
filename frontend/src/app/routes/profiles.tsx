import { RequireAuth } from '@/lib/auth';
import { ProfilesPage } from '@/features/profiles/components/profiles-page';

export function ProfilesRoute() {
  return (
    <RequireAuth>
      <ProfilesPage />
    </RequireAuth>
  );
}
