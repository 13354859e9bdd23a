import { useMutation } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmMutation, Dialog } from '@/components/ui/dialog';
import { Notice } from '@/components/ui/states';
import { issueResetLink, type ResetLink } from '@/features/admin/api/admin';
import { dateTime } from '@/lib/format';
import type { UserWithTotals } from '@/types/api';

/** "Reset link" for one user: confirm, then show the one-time link once with a copy button. */
export function ResetLinkAction({ user }: { user: UserWithTotals }) {
  const [confirming, setConfirming] = useState<UserWithTotals | null>(null);
  const [link, setLink] = useState<ResetLink | null>(null);
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const issue = useMutation({
    mutationFn: (u: UserWithTotals) => issueResetLink(u.id),
    onSuccess: (result) => {
      setConfirming(null);
      setCopied(null);
      setLink(result);
    },
  });
  const copy = async () => {
    if (!link) return;
    try {
      await navigator.clipboard.writeText(link.reset_url);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  };
  // Closing forgets the link: it is shown once.
  const close = useCallback(() => setLink(null), []);
  return (
    <>
      <Button size="sm" variant="secondary" disabled={!user.is_active} onClick={() => { issue.reset(); setConfirming(user); }}>
        <span aria-hidden="true">Reset link</span>
        <span className="sr-only">Password reset link for {user.username}</span>
      </Button>
      <ConfirmMutation
        target={confirming}
        mutation={issue}
        title={`Reset the password of ${user.username}?`}
        message="You get a one-time link to hand over. It works once, for 30 minutes; the current password keeps working until the link is used."
        confirmLabel="Create link"
        danger={false}
        onCancel={() => setConfirming(null)}
      />
      <Dialog open={link !== null} title={`Reset link for ${user.username}`} onClose={close}>
        {link && (
          <div className="space-y-3 text-sm text-slate-800">
            <Notice tone="warning">This link is shown only once. Hand it over privately; it expires {dateTime(link.expires_at)}.</Notice>
            <label className="block font-medium" htmlFor={`reset-link-${user.id}`}>
              One-time link
            </label>
            <input
              id={`reset-link-${user.id}`}
              readOnly
              value={link.reset_url}
              data-testid="reset-link"
              className="w-full rounded-md border border-slate-400 bg-slate-50 px-2 py-1 font-mono text-xs"
              onFocus={(e) => e.currentTarget.select()}
            />
            <p aria-live="polite">{copied === 'yes' ? 'Copied to the clipboard.' : copied === 'failed' ? 'Copying failed: select the link and copy it.' : ''}</p>
            <div className="flex justify-end gap-2">
              <Button variant="secondary" onClick={() => void copy()}>
                Copy link
              </Button>
              <Button onClick={close}>Done</Button>
            </div>
          </div>
        )}
      </Dialog>
    </>
  );
}
