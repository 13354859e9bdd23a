import { RequireAuth } from '@/lib/auth';
import { BatchPage } from '@/features/batch/components/batch-page';

export function BatchRoute() {
  return (
    <RequireAuth>
      <BatchPage />
    </RequireAuth>
  );
}
