import {
  ApartmentOutlined,
  AuditOutlined,
  HomeOutlined,
  IdcardOutlined,
  SettingOutlined,
  SolutionOutlined,
  SwapOutlined,
  TeamOutlined,
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
}

export const NAV_ITEMS: NavItem[] = [
  { key: 'home', path: '/', label: 'nav.home', icon: <HomeOutlined />, testId: 'nav-home' },
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
