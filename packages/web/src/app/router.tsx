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
// Scorecards, reviews, attendance, incidents and pay (issue 5).
const MyPayPage = lazy(() => import('../features/pay/my-pay-page.tsx'));
const PayStatementPage = lazy(() => import('../features/pay/pay-statement-page.tsx'));
const PayPlansPage = lazy(() => import('../features/pay/pay-plans-page.tsx'));
const PayPlanPage = lazy(() => import('../features/pay/pay-plan-page.tsx'));
const PayRunsPage = lazy(() => import('../features/pay/pay-runs-page.tsx'));
const PayRunPage = lazy(() => import('../features/pay/pay-run-page.tsx'));
const WhatIfPage = lazy(() => import('../features/pay/what-if-page.tsx'));
const ReviewsPage = lazy(() => import('../features/reviews/reviews-page.tsx'));
const ReviewPage = lazy(() => import('../features/reviews/review-page.tsx'));
const ReviewHistoryPage = lazy(() => import('../features/reviews/review-history-page.tsx'));
const ScorecardsPage = lazy(() => import('../features/reviews/scorecards-page.tsx'));
const ScorecardPage = lazy(() => import('../features/reviews/scorecard-page.tsx'));
const AttendancePage = lazy(() => import('../features/attendance/attendance-page.tsx'));
const CalendarPage = lazy(() => import('../features/attendance/calendar-page.tsx'));
const IncidentsPage = lazy(() => import('../features/incidents/incidents-page.tsx'));
// Targets, dashboards and analysis (issue 4).
const DashboardPage = lazy(() => import('../features/dashboards/dashboard-page.tsx'));
const ProgressPage = lazy(() => import('../features/dashboards/progress-page.tsx'));
const PlansPage = lazy(() => import('../features/targets/plans-page.tsx'));
const PlanPage = lazy(() => import('../features/targets/plan-page.tsx'));
const MyTargetsPage = lazy(() => import('../features/targets/my-targets-page.tsx'));
const TeamTasksPage = lazy(() => import('../features/targets/team-tasks-page.tsx'));
const AnalysisPage = lazy(() => import('../features/analysis/analysis-page.tsx'));

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
          // Scorecards, reviews, attendance, incidents and pay (issue 5). Everyone reads their own pay,
          // reviews and incidents; the server answers 404 for anyone else's.
          { path: 'my-pay', element: <MyPayPage /> },
          { path: 'my-pay/:id', element: <PayStatementPage /> },
          { path: 'reviews', element: <ReviewsPage /> },
          { path: 'reviews/history/:employeeId', element: <ReviewHistoryPage /> },
          { path: 'reviews/:id', element: <ReviewPage /> },
          { path: 'incidents', element: <IncidentsPage /> },
          {
            path: 'scorecards',
            element: (
              <RequirePermission permission="scorecard.manage">
                <ScorecardsPage />
              </RequirePermission>
            ),
          },
          {
            path: 'scorecards/:id',
            element: (
              <RequirePermission permission="scorecard.manage">
                <ScorecardPage />
              </RequirePermission>
            ),
          },
          {
            path: 'attendance',
            element: (
              <RequirePermission permission="attendance.manage">
                <AttendancePage />
              </RequirePermission>
            ),
          },
          {
            path: 'attendance/calendar',
            element: (
              <RequirePermission permission="attendance.manage">
                <CalendarPage />
              </RequirePermission>
            ),
          },
          {
            path: 'pay-plans',
            element: (
              <RequirePermission permission="payplan.manage">
                <PayPlansPage />
              </RequirePermission>
            ),
          },
          {
            path: 'pay-plans/:id',
            element: (
              <RequirePermission permission="payplan.manage">
                <PayPlanPage />
              </RequirePermission>
            ),
          },
          {
            path: 'pay-runs',
            element: (
              <RequirePermission permission="payroll.read">
                <PayRunsPage />
              </RequirePermission>
            ),
          },
          {
            path: 'pay-runs/:id',
            element: (
              <RequirePermission permission="payroll.read">
                <PayRunPage />
              </RequirePermission>
            ),
          },
          {
            path: 'pay-runs/:runId/statements/:id',
            element: (
              <RequirePermission permission="payroll.read">
                <PayStatementPage />
              </RequirePermission>
            ),
          },
          {
            path: 'what-if',
            element: (
              <RequirePermission permission="payplan.manage">
                <WhatIfPage />
              </RequirePermission>
            ),
          },
          // ---- end of issue 5 routes ----
          // Targets, dashboards and analysis (issue 4). Everyone reads targets (target.read); the server
          // scopes every figure to what the caller may see.
          {
            path: 'dashboard',
            element: (
              <RequirePermission permission="target.read">
                <DashboardPage />
              </RequirePermission>
            ),
          },
          {
            path: 'progress',
            element: (
              <RequirePermission permission="target.read">
                <ProgressPage />
              </RequirePermission>
            ),
          },
          {
            path: 'plans',
            element: (
              <RequirePermission permission="target.read">
                <PlansPage />
              </RequirePermission>
            ),
          },
          {
            path: 'plans/:id',
            element: (
              <RequirePermission permission="target.read">
                <PlanPage />
              </RequirePermission>
            ),
          },
          {
            path: 'my-targets',
            element: (
              <RequirePermission permission="target.read">
                <MyTargetsPage />
              </RequirePermission>
            ),
          },
          {
            path: 'team-tasks',
            element: (
              <RequirePermission permission="target.assign">
                <TeamTasksPage />
              </RequirePermission>
            ),
          },
          {
            path: 'analysis',
            element: (
              <RequirePermission permission="target.read">
                <AnalysisPage />
              </RequirePermission>
            ),
          },
          // ---- end of issue 4 routes ----
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
  },
]);
