import {
  CalculatorOutlined,
  ExperimentOutlined,
  FlagOutlined,
  FormOutlined,
  PartitionOutlined,
  ProfileOutlined,
  ScheduleOutlined,
  TrophyOutlined,
  WalletOutlined,
  AccountBookOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  CalendarOutlined,
  ContactsOutlined,
  CustomerServiceOutlined,
  FileDoneOutlined,
  FileProtectOutlined,
  InboxOutlined,
  MoneyCollectOutlined,
  ReconciliationOutlined,
  SafetyCertificateOutlined,
  ScissorOutlined,
  ShoppingCartOutlined,
  ShoppingOutlined,
  HomeOutlined,
  IdcardOutlined,
  SettingOutlined,
  SolutionOutlined,
  SwapOutlined,
  TeamOutlined,
} from '@ant-design/icons';
// Targets, dashboards and analysis (issue 4).
import {
  AimOutlined,
  CarryOutOutlined,
  DashboardOutlined,
  FundOutlined,
  PieChartOutlined,
  ProjectOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { MessageKey } from './i18n/i18n.tsx';
import type { Permission } from './permissions.ts';

export interface NavItem {
  key: string;
  path: string;
  label: MessageKey;
  icon: ReactNode;
  /** Shown only when the user has this permission; absent means every signed-in user. */
  permission?: Permission;
  testId: string;
  /** Menu group (customers and sales / collections and invoices): keeps the menu short on a phone. */
  group?: NavGroupKey;
}

export type NavGroupKey = 'sales' | 'money' | 'people' | 'targets';

export interface NavGroup {
  key: NavGroupKey;
  label: MessageKey;
  icon: ReactNode;
  testId: string;
}

/** The menu's groups; an item with `group` is shown inside its group's submenu. */
export const NAV_GROUPS: NavGroup[] = [
  // Targets, dashboards and analysis (issue 4).
  { key: 'targets', label: 'navGroup.targets', icon: <AimOutlined />, testId: 'nav-group-targets' },
  { key: 'sales', label: 'navGroup.sales', icon: <ContactsOutlined />, testId: 'nav-group-sales' },
  { key: 'money', label: 'navGroup.money', icon: <MoneyCollectOutlined />, testId: 'nav-group-money' },
  // Scorecards, reviews, attendance, incidents and pay (issue 5).
  { key: 'people', label: 'navGroup.people', icon: <TrophyOutlined />, testId: 'nav-group-people' },
];

export const NAV_ITEMS: NavItem[] = [
  { key: 'home', path: '/', label: 'nav.home', icon: <HomeOutlined />, testId: 'nav-home' },
  // Targets, dashboards and analysis (issue 4): first after home, the lead's and manager's landing page.
  {
    key: 'dashboard',
    path: '/dashboard',
    label: 'nav.dashboard',
    icon: <DashboardOutlined />,
    permission: 'target.read',
    testId: 'nav-dashboard',
    group: 'targets',
  },
  {
    key: 'myTargets',
    path: '/my-targets',
    label: 'nav.myTargets',
    icon: <CarryOutOutlined />,
    permission: 'target.read',
    testId: 'nav-my-targets',
    group: 'targets',
  },
  {
    key: 'teamTasks',
    path: '/team-tasks',
    label: 'nav.teamTasks',
    icon: <ProjectOutlined />,
    permission: 'target.assign',
    testId: 'nav-team-tasks',
    group: 'targets',
  },
  {
    key: 'progress',
    path: '/progress',
    label: 'nav.progress',
    icon: <FundOutlined />,
    permission: 'target.read',
    testId: 'nav-progress',
    group: 'targets',
  },
  {
    key: 'plans',
    path: '/plans',
    label: 'nav.plans',
    icon: <AimOutlined />,
    permission: 'target.plan',
    testId: 'nav-plans',
    group: 'targets',
  },
  {
    key: 'analysis',
    path: '/analysis',
    label: 'nav.analysis',
    icon: <PieChartOutlined />,
    permission: 'target.read',
    testId: 'nav-analysis',
    group: 'targets',
  },
  // ---- end of issue 4 entries ----
  // Customers and the sales ledger (issue 3).
  {
    key: 'myDay',
    path: '/my-day',
    label: 'nav.myDay',
    icon: <CalendarOutlined />,
    permission: 'customer.read',
    testId: 'nav-my-day',
    group: 'sales',
  },
  {
    key: 'customers',
    path: '/customers',
    label: 'nav.customers',
    icon: <TeamOutlined />,
    permission: 'customer.read',
    testId: 'nav-customers',
    group: 'sales',
  },
  {
    key: 'pool',
    path: '/pool',
    label: 'nav.pool',
    icon: <InboxOutlined />,
    permission: 'customer.claim',
    testId: 'nav-pool',
    group: 'sales',
  },
  {
    key: 'vettings',
    path: '/vettings',
    label: 'nav.vettings',
    icon: <SafetyCertificateOutlined />,
    permission: 'customer.vet',
    testId: 'nav-vettings',
    group: 'sales',
  },
  {
    key: 'contracts',
    path: '/contracts',
    label: 'nav.contracts',
    icon: <FileProtectOutlined />,
    permission: 'customer.read',
    testId: 'nav-contracts',
    group: 'sales',
  },
  {
    key: 'orders',
    path: '/orders',
    label: 'nav.orders',
    icon: <ShoppingCartOutlined />,
    permission: 'customer.read',
    testId: 'nav-orders',
    group: 'sales',
  },
  {
    key: 'products',
    path: '/products',
    label: 'nav.products',
    icon: <ShoppingOutlined />,
    permission: 'customer.read',
    testId: 'nav-products',
    group: 'sales',
  },
  {
    key: 'complaints',
    path: '/complaints',
    label: 'nav.complaints',
    icon: <CustomerServiceOutlined />,
    permission: 'customer.read',
    testId: 'nav-complaints',
    group: 'sales',
  },
  {
    key: 'receipts',
    path: '/receipts',
    label: 'nav.receipts',
    icon: <AccountBookOutlined />,
    permission: 'customer.read',
    testId: 'nav-receipts',
    group: 'money',
  },
  {
    key: 'invoices',
    path: '/invoices',
    label: 'nav.invoices',
    icon: <FileDoneOutlined />,
    permission: 'customer.read',
    testId: 'nav-invoices',
    group: 'money',
  },
  {
    key: 'statements',
    path: '/statements',
    label: 'nav.statements',
    icon: <ReconciliationOutlined />,
    permission: 'customer.read',
    testId: 'nav-statements',
    group: 'money',
  },
  {
    key: 'writeOffs',
    path: '/write-offs',
    label: 'nav.writeOffs',
    icon: <ScissorOutlined />,
    permission: 'customer.read',
    testId: 'nav-write-offs',
    group: 'money',
  },
  {
    key: 'ageing',
    path: '/ageing',
    label: 'nav.ageing',
    icon: <BarChartOutlined />,
    permission: 'customer.read',
    testId: 'nav-receivables',
    group: 'money',
  },
  // Scorecards, reviews, attendance, incidents and pay (issue 5).
  {
    key: 'myPay',
    path: '/my-pay',
    label: 'nav.myPay',
    icon: <WalletOutlined />,
    testId: 'nav-my-pay',
    group: 'people',
  },
  {
    key: 'reviews',
    path: '/reviews',
    label: 'nav.reviews',
    icon: <FormOutlined />,
    testId: 'nav-reviews',
    group: 'people',
  },
  {
    key: 'incidents',
    path: '/incidents',
    label: 'nav.incidents',
    icon: <FlagOutlined />,
    testId: 'nav-incidents',
    group: 'people',
  },
  {
    key: 'attendance',
    path: '/attendance',
    label: 'nav.attendance',
    icon: <ScheduleOutlined />,
    permission: 'attendance.manage',
    testId: 'nav-attendance',
    group: 'people',
  },
  {
    key: 'scorecards',
    path: '/scorecards',
    label: 'nav.scorecards',
    icon: <ProfileOutlined />,
    permission: 'scorecard.manage',
    testId: 'nav-scorecards',
    group: 'people',
  },
  {
    key: 'payPlans',
    path: '/pay-plans',
    label: 'nav.payPlans',
    icon: <PartitionOutlined />,
    permission: 'payplan.manage',
    testId: 'nav-pay-plans',
    group: 'people',
  },
  {
    key: 'payRuns',
    path: '/pay-runs',
    label: 'nav.payRuns',
    icon: <CalculatorOutlined />,
    permission: 'payroll.read',
    testId: 'nav-pay-runs',
    group: 'people',
  },
  {
    key: 'whatIf',
    path: '/what-if',
    label: 'nav.whatIf',
    icon: <ExperimentOutlined />,
    permission: 'payplan.manage',
    testId: 'nav-what-if',
    group: 'people',
  },
  // ---- end of issue 5 entries ----
  {
    key: 'org',
    path: '/org',
    label: 'nav.org',
    icon: <ApartmentOutlined />,
    permission: 'org.read',
    testId: 'nav-org',
  },
  {
    key: 'positions',
    path: '/positions',
    label: 'nav.positions',
    icon: <SolutionOutlined />,
    permission: 'org.read',
    testId: 'nav-positions',
  },
  {
    key: 'employees',
    path: '/employees',
    label: 'nav.employees',
    icon: <TeamOutlined />,
    permission: 'employee.read',
    testId: 'nav-employees',
  },
  {
    key: 'delegations',
    path: '/delegations',
    label: 'nav.delegations',
    icon: <SwapOutlined />,
    permission: 'delegation.manage',
    testId: 'nav-delegations',
  },
  {
    key: 'audit',
    path: '/audit',
    label: 'nav.audit',
    icon: <AuditOutlined />,
    permission: 'audit.read',
    testId: 'nav-audit',
  },
  {
    key: 'users',
    path: '/users',
    label: 'nav.users',
    icon: <IdcardOutlined />,
    permission: 'user.manage',
    testId: 'nav-users',
  },
  {
    key: 'settings',
    path: '/settings',
    label: 'nav.settings',
    icon: <SettingOutlined />,
    testId: 'nav-settings',
  },
];

/** The menu key for a location: `/positions/12` selects "positions". */
export function navKeyFor(pathname: string): string {
  const first = pathname.split('/')[1] ?? '';
  return NAV_ITEMS.find((i) => i.path === `/${first}`)?.key ?? 'home';
}

/** The group of the menu entry for a location (to open that group on a phone). */
export function navGroupFor(pathname: string): NavGroupKey | undefined {
  const key = navKeyFor(pathname);
  return NAV_ITEMS.find((i) => i.key === key)?.group;
}
