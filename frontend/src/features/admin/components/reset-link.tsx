import { useMutation } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmMutation, Dialog } from '@/components/ui/dialog';
import { Notice } from '@/components/ui/states';
import { issueResetLink, type ResetLink } from '@/features/admin/api/admin';
import { dateTime } from '@/lib/format';
import type { UserWithTotals } from '@/types/api';

/**
 * The admin's password-reset link: `button(u)` for a row, `dialogs` once per page (outside the
 * table, so a refetch of the list cannot take a link away). Confirm first, then the one-time
 * link is shown once, with a copy button; closing forgets it.
 */
export function useResetLink() {
  const [confirming, setConfirming] = useState<UserWithTotals | null>(null);
  const [shown, setShown] = useState<{ user: UserWithTotals; link: ResetLink } | null>(null);
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const issue = useMutation({
    mutationFn: (u: UserWithTotals) => issueResetLink(u.id),
    onSuccess: (link, user) => {
      setConfirming(null);
      setCopied(null);
      setShown({ user, link });
    },
  });
  const copy = async () => {
    if (!shown) return;
    try {
      await navigator.clipboard.writeText(shown.link.reset_url);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  };
  const close = useCallback(() => setShown(null), []);
  const cancel = useCallback(() => setConfirming(null), []);

  const button = (user: UserWithTotals) => (
    <Button
      size="sm"
      variant="secondary"
      disabled={!user.is_active}
      srLabel={`Password reset link for ${user.username}`}
      onClick={() => {
        issue.reset();
        setConfirming(user);
      }}
    >
      Reset link
    </Button>
  );

  const dialogs = (
    <>
      <ConfirmMutation
        target={confirming}
        mutation={issue}
        title={`Reset the password of ${confirming?.username ?? 'this user'}?`}
        message="You get a one-time link to hand over. It works once, for 30 minutes; the current password keeps working until the link is used."
        confirmLabel="Create link"
        danger={false}
        onCancel={cancel}
      />
      <Dialog open={shown !== null} title={`Reset link for ${shown?.user.username ?? ''}`} onClose={close}>
        {shown && (
          <div className="space-y-3 text-sm text-slate-800">
            <Notice tone="warning">This link is shown only once. Hand it over privately; it expires {dateTime(shown.link.expires_at)}.</Notice>
            <label className="block font-medium" htmlFor="reset-link">
              One-time link
            </label>
            <input
              id="reset-link"
              readOnly
              value={shown.link.reset_url}
              data-testid="reset-link"
              className="w-full rounded-md border border-slate-400 bg-slate-50 px-2 py-1 font-mono text-xs"
              onFocus={(e) => e.currentTarget.select()}
            />
            <p aria-live="polite">
              {copied === 'yes' ? 'Copied to the clipboard.' : copied === 'failed' ? 'Copying failed: select the link and copy it.' : ''}
            </p>
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
  return { button, dialogs };
}
