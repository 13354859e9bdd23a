import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { NavLink, Outlet } from 'react-router';
import { Button } from '@/components/ui/button';
import { Badge, Card, PageHeader, Stat } from '@/components/ui/card';
import { ConfirmMutation } from '@/components/ui/dialog';
import { SelectField, TextField } from '@/components/ui/field';
import { EmptyState, ErrorState, InlineError, LoadingState, Notice } from '@/components/ui/states';
import { numeric, Table, Td, ValueView } from '@/components/ui/table';
import { useUser } from '@/lib/auth';
import { cx, dateTime, featureLabel, num } from '@/lib/format';
import { deleteUser, setRole, toggleActive, toSeries, useAudit, useStats, useUsers, type UserFilters } from '@/features/admin/api/admin';
import { useResetLink } from '@/features/admin/components/reset-link';
import { DriftChart, SeriesChart } from '@/features/admin/components/stats-charts';
import { useSegmentColors } from '@/lib/segments';
import { ROLES, type Role, type UserWithTotals } from '@/types/api';

const TABS = [
  { to: 'users', label: 'Users' },
  { to: 'stats', label: 'Statistics & drift' },
  { to: 'audit', label: 'Audit log' },
];

/** The administration frame: title, section tabs, and the section (the app checks the role). */
export function AdminLayout() {
  return (
    <>
      <PageHeader title="Administration" />
      <nav aria-label="Administration sections" className="mb-5 border-b border-slate-200">
        <ul className="flex flex-wrap gap-1">
          {TABS.map((t) => (
            <li key={t.to}>
              <NavLink
                to={t.to}
                className={({ isActive }) =>
                  cx(
                    '-mb-px inline-block border-b-2 px-3 py-2 text-sm font-medium',
                    isActive ? 'border-blue-700 text-blue-900' : 'border-transparent text-slate-700 hover:text-slate-900',
                  )
                }
              >
                {t.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Outlet />
    </>
  );
}

function useDebounced<T>(value: T, ms = 300): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

type UserActionsProps = { user: UserWithTotals; toggling: boolean; onToggle: () => void; resetButton: ReactNode; onDelete: () => void };

/** The actions on another user's row: activate or deactivate, a password reset link, delete. */
function UserActions({ user, toggling, onToggle, resetButton, onDelete }: UserActionsProps) {
  const verb = user.is_active ? 'Deactivate' : 'Activate';
  return (
    <div className="flex flex-wrap justify-end gap-2">
      <Button size="sm" variant="secondary" loading={toggling} srLabel={`${verb} ${user.username}`} onClick={onToggle}>
        {verb}
      </Button>
      {resetButton}
      <Button size="sm" variant="secondary" className="text-red-800" srLabel={`Delete ${user.username}`} onClick={onDelete}>
        Delete
      </Button>
    </div>
  );
}

export function AdminUsers() {
  const qc = useQueryClient();
  const { user: me } = useUser();
  const [search, setSearch] = useState('');
  const [role, setRoleFilter] = useState('');
  const [active, setActive] = useState('');
  const debounced = useDebounced(search);
  const filters: UserFilters = { search: debounced.trim() || undefined, role: role || undefined, is_active: active || undefined };
  const users = useUsers(filters);
  const [notice, setNotice] = useState<string | null>(null);
  const [toDelete, setToDelete] = useState<UserWithTotals | null>(null);
  const [toDeactivate, setToDeactivate] = useState<UserWithTotals | null>(null);
  const resetLink = useResetLink();
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ['admin'] });
  };
  const roleChange = useMutation({
    mutationFn: ({ u, r }: { u: UserWithTotals; r: Role }) => setRole(u.id, r),
    onSuccess: (u) => {
      setNotice(`${u.username} is now ${u.role}.`);
      refresh();
    },
  });
  const toggle = useMutation({
    mutationFn: (u: UserWithTotals) => toggleActive(u.id),
    onSuccess: (u) => {
      setNotice(`${u.username} is now ${u.is_active ? 'active' : 'deactivated'}.`);
      setToDeactivate(null);
      refresh();
    },
  });
  const del = useMutation({
    mutationFn: (u: UserWithTotals) => deleteUser(u.id),
    onSuccess: (_r, u) => {
      setNotice(`${u.username} was deleted.`);
      setToDelete(null);
      refresh();
    },
  });
  const list = users.data?.pages.flatMap((p) => p.users) ?? [];
  const total = users.data?.pages[0]?.total;
  return (
    <div className="space-y-4">
      <Card>
        <form role="search" aria-label="Find users" className="grid grid-cols-1 gap-3 sm:grid-cols-3" onSubmit={(e) => e.preventDefault()}>
          <TextField
            label="Search"
            type="search"
            name="search"
            placeholder="Username, email or name"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
          <SelectField label="Role" name="role" value={role} onChange={(e) => setRoleFilter(e.target.value)}>
            <option value="">All roles</option>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </SelectField>
          <SelectField label="Status" name="is_active" value={active} onChange={(e) => setActive(e.target.value)}>
            <option value="">Active and inactive</option>
            <option value="true">Active</option>
            <option value="false">Inactive</option>
          </SelectField>
        </form>
      </Card>
      {notice && <Notice tone="success">{notice}</Notice>}
      <InlineError error={roleChange.error ?? (toDeactivate ? null : toggle.error)} />
      {users.isLoading ? (
        <LoadingState label="Loading users" />
      ) : users.error ? (
        <ErrorState error={users.error} onRetry={() => void users.refetch()} />
      ) : list.length === 0 ? (
        <EmptyState title="No users match" />
      ) : (
        <>
          {total !== undefined && <p className="text-sm text-slate-700">{total.toLocaleString()} users</p>}
          <Table caption="Users" columns={['User', 'Role', 'Status', numeric('Predictions'), numeric('Profiles'), 'Joined', 'Actions']} stack>
            <tbody className="divide-y divide-slate-100" data-testid="user-rows">
              {list.map((u) => {
                const self = me?.id === u.id;
                return (
                  <tr key={u.id} data-username={u.username}>
                    <Td data-label="User" className="whitespace-normal">
                      <div className="font-medium wrap-anywhere">{u.username}</div>
                      <div className="text-xs text-slate-600 wrap-anywhere">{u.email}</div>
                      {u.full_name && <div className="text-xs text-slate-600">{u.full_name}</div>}
                    </Td>
                    <Td data-label="Role">
                      <label className="sr-only" htmlFor={`role-${u.id}`}>
                        Role of {u.username}
                      </label>
                      <select
                        id={`role-${u.id}`}
                        className="rounded-md border border-slate-400 bg-white px-2 py-1 text-sm"
                        value={u.role}
                        disabled={self || roleChange.isPending}
                        onChange={(e) => roleChange.mutate({ u, r: e.target.value as Role })}
                      >
                        {ROLES.map((r) => (
                          <option key={r} value={r}>
                            {r}
                          </option>
                        ))}
                      </select>
                    </Td>
                    <Td data-label="Status">{u.is_active ? <Badge tone="green">active</Badge> : <Badge tone="red">inactive</Badge>}</Td>
                    <Td data-label="Predictions" className="text-right">
                      {u.total_predictions ?? '—'}
                    </Td>
                    <Td data-label="Profiles" className="text-right">
                      {u.total_saved_profiles ?? '—'}
                    </Td>
                    <Td data-label="Joined">{dateTime(u.created_at)}</Td>
                    <Td data-label="Actions">
                      {self ? (
                        <span className="text-xs text-slate-600">You</span>
                      ) : (
                        <UserActions
                          user={u}
                          toggling={toggle.isPending && toggle.variables?.id === u.id}
                          onToggle={() => {
                            toggle.reset();
                            // Deactivating signs the person out and stops their sign-ins: confirm first.
                            if (u.is_active) setToDeactivate(u);
                            else toggle.mutate(u);
                          }}
                          resetButton={resetLink.button(u)}
                          onDelete={() => {
                            del.reset();
                            setToDelete(u);
                          }}
                        />
                      )}
                    </Td>
                  </tr>
                );
              })}
            </tbody>
          </Table>
          {users.hasNextPage && (
            <Button variant="secondary" loading={users.isFetchingNextPage} onClick={() => void users.fetchNextPage()}>
              Load more users
            </Button>
          )}
        </>
      )}
      <ConfirmMutation
        target={toDeactivate}
        mutation={toggle}
        title={`Deactivate ${toDeactivate?.username ?? 'this user'}?`}
        message="They are signed out and cannot sign in until an administrator activates the account again. Their profiles and history are kept."
        confirmLabel="Deactivate user"
        danger
        onCancel={() => setToDeactivate(null)}
      />
      <ConfirmMutation
        target={toDelete}
        mutation={del}
        title={`Delete ${toDelete?.username ?? 'this user'}?`}
        message="The account, its saved profiles and its history are deleted. This cannot be undone."
        confirmLabel="Delete user"
        onCancel={() => setToDelete(null)}
      />
      {resetLink.dialogs}
    </div>
  );
}

export function AdminStats() {
  const stats = useStats();
  const segmentColorOf = useSegmentColors();
  if (stats.isLoading) return <LoadingState label="Loading statistics" />;
  if (stats.error) return <ErrorState error={stats.error} onRetry={() => void stats.refetch()} />;
  const s = stats.data;
  if (!s) return <EmptyState title="No statistics yet" />;
  const perDay = toSeries(s.predictions.per_day);
  const byCluster = toSeries(s.predictions.by_cluster);
  const byRole = toSeries(s.users.by_role);
  const toneOf = (st: string | undefined) => (st === 'alert' ? 'red' : st === 'warn' ? 'amber' : st === 'ok' ? 'green' : 'slate');
  const driftTone = toneOf(s.drift.status);
  return (
    <div className="space-y-5">
      <dl className="grid grid-cols-1 gap-3 sm:grid-cols-3 lg:grid-cols-6">
        <Stat label="Users" value={s.users.total} />
        <Stat label="Active users" value={s.users.active} />
        <Stat label="Inactive users" value={s.users.inactive} />
        <Stat label="Predictions" value={s.predictions.total.toLocaleString()} />
        <Stat label="Last 24 h" value={s.predictions.last_24h.toLocaleString()} />
        <Stat label="Active model" value={<span className="text-base wrap-anywhere">{s.model.active_version ?? 'none'}</span>} />
      </dl>
      <p className="text-sm text-slate-700">
        Model trained {dateTime(s.model.trained_at)} with {s.model.n_clusters ?? '—'} segments.
      </p>
      <div className="grid grid-cols-1 gap-5 lg:grid-cols-2">
        <Card title="Predictions per day (30 days)">
          {perDay.length ? <SeriesChart data={perDay} label="Predictions per day" /> : <EmptyState title="No predictions yet" />}
        </Card>
        <Card title="Predictions by segment">
          {byCluster.length ? (
            <SeriesChart data={byCluster} label="Predictions by segment" kind="bar" colorOf={segmentColorOf.byName} />
          ) : (
            <EmptyState title="No predictions yet" />
          )}
        </Card>
        <Card title="Users by role">{byRole.length ? <SeriesChart data={byRole} label="Users by role" kind="bar" /> : <EmptyState title="No users" />}</Card>
        <Card title="Drift" actions={<Badge tone={driftTone}>{s.drift.status.replace(/_/g, ' ')}</Badge>}>
          {s.drift.features.length ? (
            <>
              <DriftChart features={s.drift.features} />
              <Table caption="Drift per feature" columns={['Feature', numeric('PSI'), 'Status']}>
                <tbody className="divide-y divide-slate-100">
                  {s.drift.features.map((f) => {
                    const st = f.status ?? (f.psi === null ? 'n/a' : f.psi >= 0.25 ? 'alert' : f.psi >= 0.1 ? 'warn' : 'ok');
                    return (
                      <tr key={f.feature}>
                        <Td>{featureLabel(f.feature)}</Td>
                        <Td className="text-right tabular-nums">{num(f.psi, 3)}</Td>
                        <Td>
                          <Badge tone={toneOf(st)}>{st.replace(/_/g, ' ')}</Badge>
                        </Td>
                      </tr>
                    );
                  })}
                </tbody>
              </Table>
              {!s.drift.features.some((f) => f.enough_data) && (
                <p className="mb-2 text-sm text-slate-700">Not enough recent predictions yet for a reliable drift measure; the values below are indicative.</p>
              )}
              <p className="mt-2 text-xs text-slate-700">
                Population stability index of the last 30 days of inputs against the training data: below 0.1 ok, below 0.25 warn, otherwise alert.
              </p>
            </>
          ) : (
            <EmptyState title="Not enough inputs to measure drift yet" />
          )}
        </Card>
      </div>
    </div>
  );
}

export function AdminAudit() {
  const audit = useAudit();
  if (audit.isLoading) return <LoadingState label="Loading the audit log" />;
  if (audit.error) return <ErrorState error={audit.error} onRetry={() => void audit.refetch()} />;
  const events = audit.data?.pages.flatMap((p) => p.events) ?? [];
  if (!events.length) return <EmptyState title="No audited actions yet" />;
  return (
    <div className="space-y-3">
      <Table caption="Audit log" columns={['When', 'Actor', 'Action', 'Target', 'Details']} stack>
        <tbody className="divide-y divide-slate-100">
          {events.map((e) => (
            <tr key={e.id}>
              <Td data-label="When">{dateTime(e.at)}</Td>
              <Td data-label="Actor" className="wrap-anywhere">
                {e.actor_username ?? e.actor_id ?? '—'}
              </Td>
              <Td data-label="Action">
                <Badge tone="blue">{e.action}</Badge>
              </Td>
              <Td data-label="Target" className="wrap-anywhere">
                {e.target ?? '—'}
              </Td>
              <Td data-label="Details" className="max-w-md whitespace-normal wrap-anywhere">
                <ValueView value={e.details} />
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
      {audit.hasNextPage && (
        <Button variant="secondary" loading={audit.isFetchingNextPage} onClick={() => void audit.fetchNextPage()}>
          Load older events
        </Button>
      )}
    </div>
  );
}
