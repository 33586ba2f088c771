import { LogoutOutlined, MenuOutlined, SwapOutlined, UserOutlined } from '@ant-design/icons';
import { Avatar, Button, Drawer, Dropdown, Flex, Grid, Layout, Menu, Tag, Tooltip, Typography } from 'antd';
import type { MenuProps } from 'antd';
import { Suspense, useMemo, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { useAuth, useMe } from './auth.tsx';
import { ErrorBoundary } from './error-boundary.tsx';
import { useI18n } from './i18n/i18n.tsx';
import { LangSwitch } from './lang-switch.tsx';
import { NAV_GROUPS, NAV_ITEMS, navGroupFor, navKeyFor } from './navigation.tsx';
import { PageLoading } from './page-states.tsx';
import './app.css';

const { Header, Sider, Content } = Layout;

function Brand({ collapsed = false }: { collapsed?: boolean }) {
  const { t } = useI18n();
  return (
    <Link to="/" className="zz-brand" aria-label={t('app.title')}>
      <img src="/favicon.svg" alt="" width={28} height={28} />
      {!collapsed && <span>{t('app.name')}</span>}
    </Link>
  );
}

export function AppLayout() {
  const me = useMe();
  const { can, signOut, changeLocale } = useAuth();
  const { t, locale } = useI18n();
  const screens = Grid.useBreakpoint();
  const isMobile = !screens.lg;
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [collapsed, setCollapsed] = useState(false);
  const location = useLocation();
  const navigate = useNavigate();

  const menuItems = useMemo<MenuProps['items']>(() => {
    const items: NonNullable<MenuProps['items']> = [];
    const groups = new Map<string, { children: NonNullable<MenuProps['items']> }>();
    for (const i of NAV_ITEMS.filter((n) => !n.permission || can(n.permission))) {
      const entry = {
        key: i.key,
        icon: i.icon,
        label: (
          <Link to={i.path} data-testid={i.testId} onClick={() => setDrawerOpen(false)}>
            {t(i.label)}
          </Link>
        ),
      };
      const group = i.group ? NAV_GROUPS.find((g) => g.key === i.group) : undefined;
      if (!group) {
        items.push(entry);
        continue;
      }
      // A group takes the place of its first visible entry.
      let holder = groups.get(group.key);
      if (!holder) {
        holder = { children: [] };
        groups.set(group.key, holder);
        items.push({
          key: `group:${group.key}`,
          icon: group.icon,
          label: <span data-testid={group.testId}>{t(group.label)}</span>,
          children: holder.children,
        });
      }
      holder.children.push(entry);
    }
    return items;
  }, [can, t]);
  const selected = [navKeyFor(location.pathname)];
  // On a phone only the current page's group is open, so the menu stays short; on a desktop all are.
  const currentGroup = navGroupFor(location.pathname);
  const openGroups = isMobile
    ? currentGroup
      ? [`group:${currentGroup}`]
      : []
    : NAV_GROUPS.map((g) => `group:${g.key}`);
  const menu = (
    <Menu
      mode="inline"
      items={menuItems}
      selectedKeys={selected}
      defaultOpenKeys={openGroups}
      onClick={({ key }) => {
        const item = NAV_ITEMS.find((i) => i.key === key);
        if (item && item.path !== location.pathname) navigate(item.path);
        setDrawerOpen(false);
      }}
      style={{ borderInlineEnd: 'none' }}
    />
  );

  const displayName = me.employee?.name ?? me.user.username;
  const primary = me.positions.find((p) => p.kind === 'primary') ?? me.positions[0];
  const positionText = primary
    ? t('header.position', { position: primary.name, unit: primary.unitName })
    : '';

  const handleSignOut = () => {
    void signOut().then(() => navigate('/login', { replace: true }));
  };

  const actingTags = me.actingFor.map((a) => (
    <Tooltip
      key={a.delegationId}
      title={t('header.actingForHint', { name: a.employeeName, date: a.endDate })}
    >
      <Link to="/delegations">
        <Tag color="gold" icon={<SwapOutlined />} data-testid="acting-for" style={{ marginInlineEnd: 0 }}>
          {isMobile ? a.employeeName : t('header.actingFor', { name: a.employeeName, date: a.endDate })}
        </Tag>
      </Link>
    </Tooltip>
  ));

  const userMenu: MenuProps['items'] = [
    {
      key: 'who',
      disabled: true,
      label: (
        <div>
          <div>
            <b>{displayName}</b>
          </div>
          {me.positions.map((p) => (
            <div key={p.id}>
              <Typography.Text type="secondary">
                {t('header.position', { position: p.name, unit: p.unitName })}
              </Typography.Text>
            </div>
          ))}
          <Typography.Text type="secondary">{me.company.name}</Typography.Text>
        </div>
      ),
    },
    { type: 'divider' },
    { key: 'settings', icon: <UserOutlined />, label: <Link to="/settings">{t('nav.settings')}</Link> },
    {
      key: 'logout',
      icon: <LogoutOutlined />,
      label: <span data-testid="logout-menu">{t('header.signOut')}</span>,
      onClick: handleSignOut,
    },
  ];

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {!isMobile && (
        <Sider
          theme="light"
          width={220}
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          className="zz-sider"
        >
          <Brand collapsed={collapsed} />
          {/* The grouped menu can be taller than the window: it scrolls between the brand and the trigger. */}
          <div style={{ maxHeight: 'calc(100vh - 104px)', overflowY: 'auto', overflowX: 'hidden' }}>
            {menu}
          </div>
        </Sider>
      )}
      {isMobile && (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          size={260}
          title={<Brand />}
          destroyOnHidden
          styles={{ body: { padding: 0 } }}
        >
          {menu}
        </Drawer>
      )}
      <Layout>
        <Header className="zz-header">
          <Flex align="center" gap={8} style={{ minWidth: 0, flex: '1 1 auto' }}>
            {isMobile && (
              <>
                <Button
                  type="text"
                  icon={<MenuOutlined />}
                  aria-label={t('header.openMenu')}
                  data-testid="nav-toggle"
                  onClick={() => setDrawerOpen(true)}
                />
                <Brand />
              </>
            )}
            {!isMobile && <Typography.Text strong>{me.company.name}</Typography.Text>}
          </Flex>
          <Flex align="center" gap={8} wrap={false} style={{ minWidth: 0 }}>
            {actingTags}
            <LangSwitch locale={locale} onChange={changeLocale} compact={isMobile} />
            {isMobile ? (
              <Dropdown menu={{ items: userMenu }} trigger={['click']} placement="bottomRight">
                <Button
                  type="text"
                  aria-label={displayName}
                  data-testid="user-menu"
                  icon={<Avatar size="small" icon={<UserOutlined />} />}
                />
              </Dropdown>
            ) : (
              <>
                <Flex vertical className="zz-user" data-testid="user-name">
                  <Typography.Text strong ellipsis>
                    {displayName}
                  </Typography.Text>
                  {positionText && (
                    <Typography.Text type="secondary" ellipsis style={{ fontSize: 12 }}>
                      {positionText}
                    </Typography.Text>
                  )}
                </Flex>
                <Button icon={<LogoutOutlined />} onClick={handleSignOut} data-testid="logout">
                  {t('header.signOut')}
                </Button>
              </>
            )}
          </Flex>
        </Header>
        <Content className="zz-content">
          <ErrorBoundary key={location.pathname}>
            <Suspense fallback={<PageLoading />}>
              <Outlet />
            </Suspense>
          </ErrorBoundary>
        </Content>
      </Layout>
    </Layout>
  );
}
