import { RequireAuth } from '@/lib/auth';
import { AdminLayout } from '@/features/admin/components/admin-pages';

export { AdminAudit as AdminAuditRoute, AdminStats as AdminStatsRoute, AdminUsers as AdminUsersRoute } from '@/features/admin/components/admin-pages';

export function AdminRoute() {
  return (
    <RequireAuth role="admin">
      <AdminLayout />
    </RequireAuth>
  );
}
