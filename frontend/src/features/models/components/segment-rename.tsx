import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { InlineError } from '@/components/ui/states';
import { pct, segmentColor } from '@/lib/format';
import { clusterSummary } from '@/lib/schema-format';
import type { ClusterInfo, ModelSchema } from '@/types/api';
import { renameSegment } from '../api/models';

function SegmentRow({ version, cluster, schema }: { version: string; cluster: ClusterInfo; schema: ModelSchema | null }) {
  const qc = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(cluster.cluster_name);
  const [description, setDescription] = useState(cluster.description ?? '');
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: () => {
      const input: { name?: string; description?: string } = {};
      if (name.trim() !== cluster.cluster_name) input.name = name.trim();
      if (description.trim() !== (cluster.description ?? '')) input.description = description.trim();
      return renameSegment(version, cluster.cluster_id, input);
    },
    onSuccess: () => {
      setEditing(false);
      void qc.invalidateQueries({ queryKey: ['models'] });
      void qc.invalidateQueries({ queryKey: ['segments'] });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return setError('A segment needs a name.');
    if (name.trim().length > 60) return setError('Use at most 60 characters.');
    setError(null);
    save.mutate();
  };
  return (
    <li className="rounded-lg border border-slate-200 p-3">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <p className="flex items-center gap-2 font-semibold">
            <span
              className="inline-block h-3 w-3 rounded-full"
              style={{ background: cluster.color || segmentColor(cluster.cluster_id) }}
              aria-hidden="true"
              data-color={cluster.color || segmentColor(cluster.cluster_id)}
            />
            {cluster.cluster_name} <span className="text-xs font-normal text-slate-600">#{cluster.cluster_id}</span>
          </p>
          <p className="text-sm text-slate-700">{cluster.description}</p>
          {cluster.defined_by && <p className="text-sm text-slate-800">{cluster.defined_by}</p>}
          <p className="mt-1 text-xs text-slate-700">
            {cluster.size?.toLocaleString()} customers ({pct(cluster.share, 1)}) · {clusterSummary(cluster, schema)}
          </p>
        </div>
        {!editing && (
          <Button size="sm" variant="secondary" onClick={() => setEditing(true)} srLabel={`Rename ${cluster.cluster_name}`}>
            Rename
          </Button>
        )}
      </div>
      {editing && (
        <form onSubmit={submit} noValidate className="mt-3 space-y-2" aria-label={`Rename ${cluster.cluster_name}`}>
          <TextField label="Segment name" value={name} onChange={(e) => setName(e.target.value)} error={error} />
          <TextField label="Description" value={description} onChange={(e) => setDescription(e.target.value)} />
          <InlineError error={save.error} />
          <div className="flex gap-2">
            <Button type="submit" size="sm" loading={save.isPending}>
              Save
            </Button>
            <Button size="sm" variant="secondary" onClick={() => setEditing(false)}>
              Cancel
            </Button>
          </div>
        </form>
      )}
    </li>
  );
}

export function SegmentList({ version, clusters, schema }: { version: string; clusters: ClusterInfo[]; schema: ModelSchema | null }) {
  return (
    <ul className="grid grid-cols-1 gap-3 md:grid-cols-2">
      {clusters.map((c) => (
        <SegmentRow key={`${version}-${c.cluster_id}-${c.cluster_name}`} version={version} cluster={c} schema={schema} />
      ))}
    </ul>
  );
}
