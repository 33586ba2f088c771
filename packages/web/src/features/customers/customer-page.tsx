import {
  AuditOutlined,
  DownOutlined,
  EditOutlined,
  InboxOutlined,
  PlusOutlined,
  SwapOutlined,
} from '@ant-design/icons';
import { App, Button, Card, Dropdown, Flex, Tabs, Tag, Typography } from 'antd';
import type { MenuProps } from 'antd';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { api } from '../../app/api-client.ts';
import { useAuth, useMe } from '../../app/auth.tsx';
import { useErrorNotice } from '../../app/errors.tsx';
import { useT } from '../../app/i18n/i18n.tsx';
import { ErrorState, NotFound, PageHeader, PageLoading } from '../../app/page-states.tsx';
import { useApi } from '../../app/use-api.ts';
import { VettingStatusTag } from '../sales-common/tags.tsx';
import { TransferModal, VettingRequestModal } from './customer-actions.tsx';
import { CustomerFormModal } from './customer-form.tsx';
import { CustomerOverview } from './customer-overview.tsx';
import {
  CustomerComplaints,
  CustomerFollowUps,
  CustomerOrders,
  CustomerReceivables,
  CustomerSurveys,
} from './customer-related.tsx';
import { CustomerTimeline } from './customer-timeline.tsx';
import { FollowUpFormModal } from './follow-up-form.tsx';

const TABS = ['overview', 'timeline', 'followUps', 'orders', 'receivables', 'complaints', 'surveys'] as const;
type TabKey = (typeof TABS)[number];

export default function CustomerPage() {
  const t = useT();
  const me = useMe();
  const { can } = useAuth();
  const { message, modal: dialogs } = App.useApp();
  const notice = useErrorNotice();
  const { id } = useParams();
  const customerId = Number(id);
  const valid = Number.isInteger(customerId) && customerId > 0;
  const [params, setParams] = useSearchParams();
  const tabParam = params.get('tab');
  const tab: TabKey = (TABS as readonly string[]).includes(tabParam ?? '')
    ? (tabParam as TabKey)
    : 'overview';
  const customer = useApi(valid ? `customer:${customerId}` : null, (signal) =>
    api.customers.get(customerId, signal),
  );
  const [modal, setModal] = useState<'edit' | 'transfer' | 'vetting' | 'followUp' | null>(null);
  // Bumped after a change that other tabs show (a follow-up moves the timeline and last activity).
  const [version, setVersion] = useState(0);

  if (!valid) return <NotFound />;
  if (customer.error && !customer.data)
    return <ErrorState error={customer.error} onRetry={customer.reload} />;
  if (!customer.data) return <PageLoading />;
  const c = customer.data;
  const canManage = can('customer.manage');
  const mayAssign = me.scope.level !== 'own' || me.user.isAdmin;
  const mayRelease =
    canManage && c.ownerEmployeeId !== null && (mayAssign || c.ownerEmployeeId === me.employee?.id);
  const mayVet = canManage && (c.vettingStatus === 'not_started' || c.vettingStatus === 'rejected');

  const release = () => {
    dialogs.confirm({
      title: t('customers.releaseConfirm', { name: c.name }),
      content: t('customers.releaseHint'),
      okText: t('customers.release'),
      okButtonProps: { danger: true },
      onOk: async () => {
        try {
          customer.setData(await api.customers.release(c.id, c.version));
          void message.success(t('customers.released'));
        } catch (err) {
          notice(err, customer.reload);
        }
      },
    });
  };

  const more: MenuProps['items'] = [
    ...(mayAssign && canManage
      ? [
          {
            key: 'transfer',
            icon: <SwapOutlined />,
            label: t('customers.transfer'),
            onClick: () => setModal('transfer'),
          },
        ]
      : []),
    ...(mayRelease
      ? [
          {
            key: 'release',
            icon: <InboxOutlined />,
            label: t('customers.release'),
            danger: true,
            onClick: release,
          },
        ]
      : []),
    ...(mayVet
      ? [
          {
            key: 'vetting',
            icon: <AuditOutlined />,
            label: t('customers.requestVetting'),
            onClick: () => setModal('vetting'),
          },
        ]
      : []),
  ];

  const changed = () => {
    customer.reload();
    setVersion((v) => v + 1);
  };

  return (
    <>
      <PageHeader
        backTo="/customers"
        title={c.name}
        subTitle={
          <Flex gap={6} wrap align="center" component="span">
            <Tag style={{ marginInlineEnd: 0 }}>{c.level}</Tag>
            <span>{t(`customerCategory.${c.category}`)}</span>
            <Typography.Text type="secondary">
              {'\u00b7 '}
              {c.ownerName ?? t('ledger.pool')}
            </Typography.Text>
            <VettingStatusTag status={c.vettingStatus} />
          </Flex>
        }
        extra={
          <>
            {canManage && (
              <Button icon={<EditOutlined />} onClick={() => setModal('edit')} data-testid="customer-edit">
                {t('common.edit')}
              </Button>
            )}
            {canManage && (
              <Button icon={<PlusOutlined />} onClick={() => setModal('followUp')}>
                {t('followUps.add')}
              </Button>
            )}
            {can('order.manage') && (
              <Link to={`/orders/new?customerId=${c.id}`}>
                <Button type="primary" icon={<PlusOutlined />}>
                  {t('orders.create')}
                </Button>
              </Link>
            )}
            {more.length > 0 && (
              <Dropdown menu={{ items: more }} trigger={['click']}>
                <Button data-testid="customer-more">
                  {t('ledger.more')} <DownOutlined />
                </Button>
              </Dropdown>
            )}
          </>
        }
      />
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={tab}
          onChange={(k) =>
            setParams(
              (prev) => {
                const next = new URLSearchParams(prev);
                if (k === 'overview') next.delete('tab');
                else next.set('tab', k);
                return next;
              },
              { replace: true },
            )
          }
          destroyOnHidden
          items={[
            {
              key: 'overview',
              label: t('customers.tabOverview'),
              children: <CustomerOverview customer={c} onChanged={changed} />,
            },
            {
              key: 'timeline',
              label: t('customers.tabTimeline'),
              children: <CustomerTimeline key={version} customerId={c.id} />,
            },
            {
              key: 'followUps',
              label: t('customers.tabFollowUps'),
              children: (
                <CustomerFollowUps key={version} customerId={c.id} customerName={c.name} onAdded={changed} />
              ),
            },
            {
              key: 'orders',
              label: t('customers.tabOrders'),
              children: <CustomerOrders customerId={c.id} />,
            },
            {
              key: 'receivables',
              label: t('customers.tabReceivables'),
              children: <CustomerReceivables customerId={c.id} />,
            },
            {
              key: 'complaints',
              label: t('customers.tabComplaints'),
              children: <CustomerComplaints customerId={c.id} />,
            },
            {
              key: 'surveys',
              label: t('customers.tabSurveys'),
              children: <CustomerSurveys customerId={c.id} />,
            },
          ]}
        />
      </Card>
      {modal === 'edit' && (
        <CustomerFormModal
          customer={c}
          onClose={() => setModal(null)}
          onSaved={(saved) => {
            setModal(null);
            customer.setData(saved);
            void message.success(t('common.saved'));
          }}
          onConflict={() => {
            setModal(null);
            customer.reload();
          }}
        />
      )}
      {modal === 'transfer' && (
        <TransferModal
          customer={c}
          onClose={() => setModal(null)}
          onSaved={(saved) => {
            setModal(null);
            customer.setData(saved);
            setVersion((v) => v + 1);
            void message.success(t('customers.transferred', { name: saved.ownerName ?? '' }));
          }}
          onConflict={() => {
            setModal(null);
            customer.reload();
          }}
        />
      )}
      {modal === 'vetting' && (
        <VettingRequestModal
          customer={c}
          onClose={() => setModal(null)}
          onSaved={() => {
            setModal(null);
            void message.success(t('customers.vettingSubmitted'));
            changed();
          }}
        />
      )}
      {modal === 'followUp' && (
        <FollowUpFormModal
          customerId={c.id}
          customerName={c.name}
          onClose={() => setModal(null)}
          onSaved={() => {
            setModal(null);
            void message.success(t('common.saved'));
            changed();
          }}
        />
      )}
    </>
  );
}
