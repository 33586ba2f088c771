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
// Customers, the sales ledger and money in (issue 3).
const MyDayPage = lazy(() => import('../features/my-day/my-day-page.tsx'));
const CustomersPage = lazy(() => import('../features/customers/customers-page.tsx'));
const CustomerPage = lazy(() => import('../features/customers/customer-page.tsx'));
const PoolPage = lazy(() => import('../features/pool/pool-page.tsx'));
const VettingsPage = lazy(() => import('../features/vettings/vettings-page.tsx'));
const ProductsPage = lazy(() => import('../features/products/products-page.tsx'));
const PriceListsPage = lazy(() => import('../features/products/price-lists-page.tsx'));
const ContractsPage = lazy(() => import('../features/contracts/contracts-page.tsx'));
const ContractPage = lazy(() => import('../features/contracts/contract-page.tsx'));
const OrdersPage = lazy(() => import('../features/orders/orders-page.tsx'));
const OrderEntryPage = lazy(() => import('../features/orders/order-entry-page.tsx'));
const OrderPage = lazy(() => import('../features/orders/order-page.tsx'));
const OrdersAtRiskPage = lazy(() => import('../features/orders/orders-at-risk-page.tsx'));
const ReceiptsPage = lazy(() => import('../features/receipts/receipts-page.tsx'));
const InvoicesPage = lazy(() => import('../features/invoices/invoices-page.tsx'));
const InvoiceCheckPage = lazy(() => import('../features/invoices/invoice-check-page.tsx'));
const StatementsPage = lazy(() => import('../features/statements/statements-page.tsx'));
const StatementPage = lazy(() => import('../features/statements/statement-page.tsx'));
const WriteOffsPage = lazy(() => import('../features/write-offs/write-offs-page.tsx'));
const AgeingPage = lazy(() => import('../features/ageing/ageing-page.tsx'));
const ComplaintsPage = lazy(() => import('../features/complaints/complaints-page.tsx'));
const ComplaintPage = lazy(() => import('../features/complaints/complaint-page.tsx'));

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
          // Customers, the sales ledger and money in (issue 3).
          {
            path: 'my-day',
            element: (
              <RequirePermission permission="customer.read">
                <MyDayPage />
              </RequirePermission>
            ),
          },
          {
            path: 'customers',
            element: (
              <RequirePermission permission="customer.read">
                <CustomersPage />
              </RequirePermission>
            ),
          },
          {
            path: 'customers/:id',
            element: (
              <RequirePermission permission="customer.read">
                <CustomerPage />
              </RequirePermission>
            ),
          },
          {
            path: 'pool',
            element: (
              <RequirePermission permission="customer.claim">
                <PoolPage />
              </RequirePermission>
            ),
          },
          {
            path: 'vettings',
            element: (
              <RequirePermission permission={['customer.vet', 'customer.read']}>
                <VettingsPage />
              </RequirePermission>
            ),
          },
          {
            path: 'products',
            element: (
              <RequirePermission permission="customer.read">
                <ProductsPage />
              </RequirePermission>
            ),
          },
          {
            path: 'products/price-lists',
            element: (
              <RequirePermission permission="customer.read">
                <PriceListsPage />
              </RequirePermission>
            ),
          },
          {
            path: 'contracts',
            element: (
              <RequirePermission permission="customer.read">
                <ContractsPage />
              </RequirePermission>
            ),
          },
          {
            path: 'contracts/:id',
            element: (
              <RequirePermission permission="customer.read">
                <ContractPage />
              </RequirePermission>
            ),
          },
          {
            path: 'orders',
            element: (
              <RequirePermission permission="customer.read">
                <OrdersPage />
              </RequirePermission>
            ),
          },
          {
            path: 'orders/new',
            element: (
              <RequirePermission permission="order.manage">
                <OrderEntryPage />
              </RequirePermission>
            ),
          },
          {
            path: 'orders/at-risk',
            element: (
              <RequirePermission permission="customer.read">
                <OrdersAtRiskPage />
              </RequirePermission>
            ),
          },
          {
            path: 'orders/:id',
            element: (
              <RequirePermission permission="customer.read">
                <OrderPage />
              </RequirePermission>
            ),
          },
          {
            path: 'orders/:id/edit',
            element: (
              <RequirePermission permission="order.manage">
                <OrderEntryPage />
              </RequirePermission>
            ),
          },
          {
            path: 'receipts',
            element: (
              <RequirePermission permission="customer.read">
                <ReceiptsPage />
              </RequirePermission>
            ),
          },
          {
            path: 'invoices',
            element: (
              <RequirePermission permission="customer.read">
                <InvoicesPage />
              </RequirePermission>
            ),
          },
          {
            path: 'invoices/check',
            element: (
              <RequirePermission permission="customer.read">
                <InvoiceCheckPage />
              </RequirePermission>
            ),
          },
          {
            path: 'statements',
            element: (
              <RequirePermission permission="customer.read">
                <StatementsPage />
              </RequirePermission>
            ),
          },
          {
            path: 'statements/:id',
            element: (
              <RequirePermission permission="customer.read">
                <StatementPage />
              </RequirePermission>
            ),
          },
          {
            path: 'write-offs',
            element: (
              <RequirePermission permission="customer.read">
                <WriteOffsPage />
              </RequirePermission>
            ),
          },
          {
            path: 'ageing',
            element: (
              <RequirePermission permission="customer.read">
                <AgeingPage />
              </RequirePermission>
            ),
          },
          {
            path: 'complaints',
            element: (
              <RequirePermission permission="customer.read">
                <ComplaintsPage />
              </RequirePermission>
            ),
          },
          {
            path: 'complaints/:id',
            element: (
              <RequirePermission permission="customer.read">
                <ComplaintPage />
              </RequirePermission>
            ),
          },
          // ---- end of issue 3 routes ----
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
  },
]);
