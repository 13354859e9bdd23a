import { useMutation } from '@tanstack/react-query';
import { useId, useRef, useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { SelectField } from '@/components/ui/field';
import { InlineError } from '@/components/ui/states';
import { saveBlob } from '@/lib/api-client';
import type { ClusterInfo } from '@/types/api';
import { scoredTrainingCustomers, segmentFile, segmentFilename } from '../api/segment-customers';

/**
 * Export the customers of one segment as CSV: the model's dataset is scored once with this
 * version in a background job, then each segment's rows are cut from that result.
 */
export function SegmentCustomersExport({ version, datasetId, clusters }: { version: string; datasetId: string; clusters: ClusterInfo[] }) {
  const id = useId();
  const [segment, setSegment] = useState(clusters[0]?.cluster_name ?? '');
  const [progress, setProgress] = useState<number | null>(null);
  const scored = useRef<string | null>(null);
  const exportSegment = useMutation({
    mutationFn: async (name: string) => {
      if (scored.current === null) {
        setProgress(0);
        scored.current = await scoredTrainingCustomers(datasetId, version, { onProgress: setProgress });
      }
      return segmentFile(scored.current, name);
    },
    onSettled: () => setProgress(null),
    onSuccess: (blob, name) => saveBlob(blob, segmentFilename(version, name)),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (segment) exportSegment.mutate(segment);
  };
  return (
    <form onSubmit={submit} className="space-y-2" aria-label="Export a segment's customers" data-testid="segment-export">
      <div className="flex flex-wrap items-end gap-3">
        <SelectField id={`${id}-segment`} label="Segment" value={segment} onChange={(e) => setSegment(e.target.value)} className="min-w-48">
          {clusters.map((c) => (
            <option key={c.cluster_id} value={c.cluster_name}>
              {c.cluster_name} ({c.size.toLocaleString()} customers)
            </option>
          ))}
        </SelectField>
        <Button type="submit" variant="secondary" loading={exportSegment.isPending} disabled={!segment || exportSegment.isPending}>
          Export its customers (CSV)
        </Button>
      </div>
      <p className="text-xs text-slate-700" aria-live="polite">
        {progress !== null
          ? `Scoring the training customers with this model… ${Math.round(progress * 100)}%`
          : 'One row per customer: the customer id, the computed features, the segment, its confidence and whether the customer is atypical.'}
      </p>
      <InlineError error={exportSegment.error} />
    </form>
  );
}
