import type { Role } from '@/types/api';

export type NavItem = { to: string; label: string; role: Role | null };

/** `role: null` = everyone; otherwise the minimum role that may see it. */
export const NAV_ITEMS: NavItem[] = [
  { to: '/dashboard', label: 'Dashboard', role: 'user' },
  { to: '/batch', label: 'Batch scoring', role: 'user' },
  { to: '/history', label: 'History', role: 'user' },
  { to: '/profiles', label: 'Profiles', role: 'user' },
  { to: '/data', label: 'Data', role: 'user' },
  { to: '/models', label: 'Models', role: 'analyst' },
  { to: '/admin', label: 'Admin', role: 'admin' },
  { to: '/docs', label: 'API docs', role: null },
  { to: '/about', label: 'About', role: null },
];
