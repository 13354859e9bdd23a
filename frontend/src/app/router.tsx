import type { RouteObject } from 'react-router';
import { createBrowserRouter, Navigate } from 'react-router';
import { AppLayout } from '@/components/layout/app-layout';
import { NotFound, RouteError } from '@/components/errors/error-boundary';
import { LoadingState } from '@/components/ui/states';
import { HomeRoute } from './routes/home';

/* Every route except Home is code-split: charts (Recharts), models, admin and docs never load
   with the first page. */
export const routes: RouteObject[] = [
  {
    path: '/',
    Component: AppLayout,
    errorElement: <RouteError />,
    hydrateFallbackElement: <LoadingState />,
    children: [
      {
        errorElement: <RouteError />,
        children: [
          { index: true, Component: HomeRoute },
          { path: 'about', lazy: () => import('./routes/about').then((m) => ({ Component: m.AboutRoute })) },
          { path: 'login', lazy: () => import('./routes/auth').then((m) => ({ Component: m.LoginRoute })) },
          { path: 'admin/login', lazy: () => import('./routes/auth').then((m) => ({ Component: m.AdminLoginRoute })) },
          { path: 'register', lazy: () => import('./routes/auth').then((m) => ({ Component: m.RegisterRoute })) },
          {
            path: 'forgot-password',
            lazy: () => import('./routes/auth').then((m) => ({ Component: m.ForgotPasswordRoute })),
          },
          {
            path: 'reset-password',
            lazy: () => import('./routes/auth').then((m) => ({ Component: m.ResetPasswordRoute })),
          },
          { path: 'docs', lazy: () => import('./routes/docs').then((m) => ({ Component: m.DocsRoute })) },
          {
            path: 'dashboard',
            lazy: () => import('./routes/dashboard').then((m) => ({ Component: m.DashboardRoute })),
          },
          { path: 'batch', lazy: () => import('./routes/batch').then((m) => ({ Component: m.BatchRoute })) },
          { path: 'history', lazy: () => import('./routes/history').then((m) => ({ Component: m.HistoryRoute })) },
          {
            path: 'history/:id',
            lazy: () => import('./routes/history').then((m) => ({ Component: m.HistoryDetailRoute })),
          },
          { path: 'profiles', lazy: () => import('./routes/profiles').then((m) => ({ Component: m.ProfilesRoute })) },
          { path: 'account', lazy: () => import('./routes/account').then((m) => ({ Component: m.AccountRoute })) },
          { path: 'data', lazy: () => import('./routes/data').then((m) => ({ Component: m.DataRoute })) },
          { path: 'data/:datasetId', lazy: () => import('./routes/data').then((m) => ({ Component: m.DatasetRoute })) },
          { path: 'models', lazy: () => import('./routes/models').then((m) => ({ Component: m.ModelsRoute })) },
          {
            path: 'admin',
            lazy: () => import('./routes/admin').then((m) => ({ Component: m.AdminRoute })),
            children: [
              { index: true, element: <Navigate to="users" replace /> },
              { path: 'users', lazy: () => import('./routes/admin').then((m) => ({ Component: m.AdminUsersRoute })) },
              { path: 'stats', lazy: () => import('./routes/admin').then((m) => ({ Component: m.AdminStatsRoute })) },
              { path: 'audit', lazy: () => import('./routes/admin').then((m) => ({ Component: m.AdminAuditRoute })) },
            ],
          },
          { path: '*', Component: NotFound },
        ],
      },
    ],
  },
];

export function createAppRouter() {
  return createBrowserRouter(routes);
}
