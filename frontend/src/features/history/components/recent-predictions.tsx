import { EmptyState, ErrorState, LoadingState } from '@/components/ui/states';
import { useRecentHistory } from '../api/history';
import { HistoryTable } from './history-table';

/** The last ten predictions (the dashboard shows them). */
export function RecentPredictions() {
  const recent = useRecentHistory(10);
  if (recent.isLoading) return <LoadingState label="Loading recent predictions" />;
  if (recent.error) return <ErrorState error={recent.error} onRetry={() => void recent.refetch()} />;
  const entries = recent.data?.history ?? [];
  if (!entries.length) return <EmptyState title="No predictions yet">Your last 10 predictions will appear here.</EmptyState>;
  return <HistoryTable entries={entries} caption="Your last 10 predictions" />;
}
