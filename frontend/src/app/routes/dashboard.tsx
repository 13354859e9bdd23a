import { RequireAuth } from '@/lib/auth';
import { DashboardPage } from '@/features/dashboard/components/dashboard-page';
import { RecentPredictions } from '@/features/history/components/recent-predictions';

export function DashboardRoute() {
  return (
    <RequireAuth>
      <DashboardPage recent={<RecentPredictions />} />
    </RequireAuth>
  );
}
