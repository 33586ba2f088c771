import { lazy, type ReactNode } from 'react';
import { Navigate, Outlet, createBrowserRouter, useLocation } from 'react-router';
import { AppLayout } from './app-layout.tsx';
import { useAuth } from './auth.tsx';
import { ErrorState, Forbidden, NotFound, PageLoading } from './page-states.tsx';
import type { Permission } from './permissions.ts';
import { RouteError } from './route-error.tsx';
import { LoginPage } from '../features/auth/login-page.tsx';
import { HomePage } from '../features/home/home-page.tsx';

// Heavy pages load on first visit: the org chart (ECharts), the position page (JD editor), the rest by feature.
const OrgChartPage = lazy(() => import('../features/org/org-chart-page.tsx'));
const PositionsPage = lazy(() => import('../features/positions/positions-page.tsx'));
const PositionPage = lazy(() => import('../features/positions/position-page.tsx'));
const EmployeesPage = lazy(() => import('../features/employees/employees-page.tsx'));
const EmployeePage = lazy(() => import('../features/employees/employee-page.tsx'));
const DelegationsPage = lazy(() => import('../features/delegations/delegations-page.tsx'));
const AuditPage = lazy(() => import('../features/audit/audit-page.tsx'));
const UsersPage = lazy(() => import('../features/users/users-page.tsx'));
const SettingsPage = lazy(() => import('../features/settings/settings-page.tsx'));

/** Signed-in area: waits for "who am I", sends anonymous visitors to the sign-in page. */
function RequireAuth() {
  const { state, refresh } = useAuth();
  const location = useLocation();
  if (state.status === 'loading') return <PageLoading minHeight={400} />;
  if (state.status === 'error') return <ErrorState error={state.error} onRetry={() => void refresh()} />;
  if (state.status === 'anonymous') {
    const next = location.pathname + location.search;
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return <Outlet />;
}

/** Shows the page when the user has the permission (or any one of several). */
function RequirePermission({
  permission,
  children,
}: {
  permission: Permission | Permission[];
  children: ReactNode;
}) {
  const { can } = useAuth();
  const allowed = Array.isArray(permission) ? permission.some(can) : can(permission);
  return allowed ? children : <Forbidden />;
}

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage />, errorElement: <RouteError /> },
  {
    element: <RequireAuth />,
    errorElement: <RouteError />,
    children: [
      {
        element: <AppLayout />,
        children: [
          { index: true, element: <HomePage /> },
          {
            path: 'org',
            element: (
              <RequirePermission permission="org.read">
                <OrgChartPage />
              </RequirePermission>
            ),
          },
          {
            path: 'positions',
            element: (
              <RequirePermission permission="org.read">
                <PositionsPage />
              </RequirePermission>
            ),
          },
          {
            path: 'positions/:id',
            element: (
              // A holder reads and signs the job description of their own position with jd.read alone.
              <RequirePermission permission={['org.read', 'jd.read']}>
                <PositionPage />
              </RequirePermission>
            ),
          },
          {
            path: 'employees',
            element: (
              <RequirePermission permission="employee.read">
                <EmployeesPage />
              </RequirePermission>
            ),
          },
          {
            path: 'employees/:id',
            element: (
              <RequirePermission permission="employee.read">
                <EmployeePage />
              </RequirePermission>
            ),
          },
          // Everyone may see the delegations given by or to them; creating one needs delegation.manage.
          { path: 'delegations', element: <DelegationsPage /> },
          {
            path: 'audit',
            element: (
              <RequirePermission permission="audit.read">
                <AuditPage />
              </RequirePermission>
            ),
          },
          {
            path: 'users',
            element: (
              <RequirePermission permission="user.manage">
                <UsersPage />
              </RequirePermission>
            ),
          },
          { path: 'settings', element: <SettingsPage /> },
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
  },
]);
