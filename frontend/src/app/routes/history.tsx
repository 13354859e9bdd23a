import { RequireAuth } from '@/lib/auth';
import { BatchResults } from '@/features/batch/components/batch-results';
import { HistoryDetail } from '@/features/history/components/history-detail';
import { HistoryPage } from '@/features/history/components/history-page';

export function HistoryRoute() {
  return (
    <RequireAuth>
      <HistoryPage />
    </RequireAuth>
  );
}

export function HistoryDetailRoute() {
  return (
    <RequireAuth>
      <HistoryDetail
        batch={(e) => (
          <BatchResults
            count={e.count ?? e.results?.length ?? 0}
            failed={e.failed ?? 0}
            modelVersion={e.model_version}
            summary={e.summary ?? {}}
            results={e.results ?? []}
          />
        )}
      />
    </RequireAuth>
  );
}
