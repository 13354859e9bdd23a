/** The stored session: the bearer token and when it expires. One place reads and writes it. */
const STORAGE_KEY = 'segmenta.session';

type Stored = { token: string; expiresAt: number | null };
type Listener = () => void;

function readStorage(): Stored | null {
  try {
    const raw = window.localStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<Stored>;
    if (typeof parsed.token !== 'string' || !parsed.token) return null;
    return { token: parsed.token, expiresAt: typeof parsed.expiresAt === 'number' ? parsed.expiresAt : null };
  } catch {
    return null;
  }
}

let current: Stored | null = typeof window === 'undefined' ? null : readStorage();
/** Why the last session ended ('expired' when the API refused the token), until the next login. */
let endReason: 'expired' | 'logout' | null = null;
/** Where a protected page should send the user once the session has ended (set by whoever ended it). */
let endRedirect: string | null = null;
const listeners = new Set<Listener>();

function emit() {
  for (const l of listeners) l();
}

if (typeof window !== 'undefined') {
  // Keep tabs in sync: logging out in one tab logs out the others.
  window.addEventListener('storage', (e) => {
    if (e.key === STORAGE_KEY) {
      current = readStorage();
      emit();
    }
  });
}

export const session = {
  STORAGE_KEY,
  getToken(): string | null {
    return current?.token ?? null;
  },
  setToken(token: string, expiresInSeconds?: number | null) {
    endReason = null;
    endRedirect = null;
    current = {
      token,
      expiresAt: expiresInSeconds ? Date.now() + expiresInSeconds * 1000 : null,
    };
    try {
      window.localStorage.setItem(STORAGE_KEY, JSON.stringify(current));
    } catch {
      /* storage may be unavailable (private mode); the session then lives in memory */
    }
    emit();
  },
  clear(reason: 'expired' | 'logout' = 'logout', redirectTo: string | null = null) {
    const had = current !== null;
    if (had) {
      endReason = reason;
      endRedirect = redirectTo;
    }
    current = null;
    try {
      window.localStorage.removeItem(STORAGE_KEY);
    } catch {
      /* ignore */
    }
    if (had) emit();
  },
  /** Re-reads storage (used by tests and when storage was changed outside this module). */
  endReason(): 'expired' | 'logout' | null {
    return endReason;
  },
  endRedirect(): string | null {
    return endRedirect;
  },
  reload() {
    endReason = null;
    endRedirect = null;
    current = readStorage();
    emit();
  },
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
