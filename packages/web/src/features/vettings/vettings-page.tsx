import {
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Segmented,
  Table,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import type { Vetting } from '@zuzhang/api-schema';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../app/api-client.ts';
import { useAuth, useMe } from '../../app/auth.tsx';
import { formatDateTime } from '../../app/format.ts';
import { useT } from '../../app/i18n/i18n.tsx';
import { ErrorState, PageHeader } from '../../app/page-states.tsx';
import { useApi } from '../../app/use-api.ts';
import { paginationConfig, useTableQuery } from '../../app/use-table-query.ts';
import { bodyField } from '../sales-common/form-helpers.ts';
import { fen } from '../sales-common/money.ts';
import { DecisionTag } from '../sales-common/tags.tsx';
import { useSaveErrorHandler } from '../sales-common/save-errors.ts';

type StatusFilter = 'pending' | 'approved' | 'rejected' | 'all';

function DecideModal({
  vetting,
  onClose,
  onDecided,
  onConflict,
}: {
  vetting: Vetting;
  onClose: () => void;
  onDecided: (v: Vetting) => void;
  onConflict: () => void;
}) {
  const t = useT();
  const me = useMe();
  const { can } = useAuth();
  const [form] = Form.useForm<{ note: string }>();
  const [saving, setSaving] = useState<'approve' | 'reject' | null>(null);
  const handleError = useSaveErrorHandler();
  // The server refuses deciding one's own request; say so before the click.
  const own = vetting.requestedByUserId === me.user.id;
  const mayDecide = can('customer.vet') && vetting.status === 'pending' && !own;
  const decide = async (decision: 'approve' | 'reject') => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return; // the form shows what is missing
    if (decision === 'reject' && !v.note?.trim()) {
      form.setFields([{ name: 'note', errors: [t('vettings.rejectNeedsNote')] }]);
      return;
    }
    setSaving(decision);
    try {
      onDecided(
        await api.vettings.decide(vetting.id, {
          decision,
          note: (v.note ?? '').trim(),
          version: vetting.version,
        }),
      );
    } catch (err) {
      handleError(form, err, onConflict, bodyField);
    } finally {
      setSaving(null);
    }
  };
  return (
    <Modal
      open
      title={t('vettings.decideTitle', { name: vetting.customerName })}
      onCancel={onClose}
      destroyOnHidden
      width={640}
      footer={
        mayDecide ? (
          <Flex justify="end" gap={8} wrap>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <Button
              danger
              loading={saving === 'reject'}
              disabled={saving !== null}
              onClick={() => void decide('reject')}
            >
              {t('ledger.reject')}
            </Button>
            <Button
              type="primary"
              loading={saving === 'approve'}
              disabled={saving !== null}
              onClick={() => void decide('approve')}
              data-testid="vetting-approve"
            >
              {t('ledger.approve')}
            </Button>
          </Flex>
        ) : (
          <Button onClick={onClose}>{t('common.cancel')}</Button>
        )
      }
    >
      <Descriptions
        size="small"
        column={1}
        bordered
        items={[
          {
            key: 'customer',
            label: t('ledger.customer'),
            children: <Link to={`/customers/${vetting.customerId}`}>{vetting.customerName}</Link>,
          },
          { key: 'owner', label: t('ledger.owner'), children: vetting.ownerName ?? t('ledger.pool') },
          { key: 'by', label: t('vettings.requestedBy'), children: vetting.requestedByUsername ?? '' },
          {
            key: 'visit',
            label: t('customers.vettingVisit'),
            children: <span className="zz-multiline">{vetting.visitNotes}</span>,
          },
          {
            key: 'credit',
            label: t('customers.vettingCredit'),
            children: <span className="zz-multiline">{vetting.creditAssessment}</span>,
          },
          { key: 'limit', label: t('customers.creditLimit'), children: fen(vetting.creditLimitFen) },
          { key: 'status', label: t('ledger.status'), children: <DecisionTag status={vetting.status} /> },
          ...(vetting.decidedAt
            ? [
                {
                  key: 'decided',
                  label: t('vettings.decidedBy'),
                  children: `${vetting.decidedByUsername ?? ''} \u00b7 ${formatDateTime(vetting.decidedAt)}`,
                },
                {
                  key: 'note',
                  label: t('vettings.decisionNote'),
                  children: <span className="zz-multiline">{vetting.decisionNote}</span>,
                },
              ]
            : []),
        ]}
      />
      {own && vetting.status === 'pending' && (
        <Typography.Paragraph type="warning" style={{ marginTop: 12 }}>
          {t('vettings.ownRequest')}
        </Typography.Paragraph>
      )}
      {mayDecide && (
        <Form form={form} layout="vertical" style={{ marginTop: 16 }}>
          <Form.Item name="note" label={t('vettings.decisionNote')} rules={[{ max: 1000 }]}>
            <Input.TextArea rows={3} maxLength={1000} placeholder={t('vettings.notePlaceholder')} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}

/** New-customer vetting (the visit and credit assessment before the first contract): what waits for the manager's decision, and what was decided. */
export default function VettingsPage() {
  const t = useT();
  const { message } = App.useApp();
  const tq = useTableQuery({ defaultSort: { key: 'createdAt', order: 'desc' } });
  const statusParam = tq.filter('status');
  const status: StatusFilter =
    statusParam === 'approved' || statusParam === 'rejected' || statusParam === 'all'
      ? statusParam
      : 'pending';
  const query = { ...tq.apiQuery, status: status === 'all' ? undefined : status };
  const list = useApi(`vettings:${JSON.stringify(query)}`, (signal) => api.vettings.list(query, signal));
  const [open, setOpen] = useState<Vetting | null>(null);

  const columns: TableColumnsType<Vetting> = [
    {
      key: 'customerName',
      title: t('ledger.customer'),
      sorter: true,
      sortOrder: tq.sortOrderFor('customerName'),
      render: (_, v) => <Link to={`/customers/${v.customerId}`}>{v.customerName}</Link>,
    },
    { key: 'owner', title: t('ledger.owner'), render: (_, v) => v.ownerName ?? t('ledger.pool') },
    {
      key: 'limit',
      title: t('customers.creditLimit'),
      align: 'right',
      render: (_, v) => fen(v.creditLimitFen),
    },
    { key: 'by', title: t('vettings.requestedBy'), dataIndex: 'requestedByUsername' },
    {
      key: 'createdAt',
      title: t('vettings.requestedAt'),
      sorter: true,
      sortOrder: tq.sortOrderFor('createdAt'),
      render: (_, v) => formatDateTime(v.createdAt),
    },
    {
      key: 'status',
      title: t('ledger.status'),
      sorter: true,
      sortOrder: tq.sortOrderFor('status'),
      render: (_, v) => <DecisionTag status={v.status} />,
    },
    {
      key: 'act',
      title: t('common.actions'),
      render: (_, v) => (
        <Button size="small" type={v.status === 'pending' ? 'primary' : 'default'} onClick={() => setOpen(v)}>
          {v.status === 'pending' ? t('vettings.decide') : t('ledger.view')}
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t('vettings.title')} subTitle={t('vettings.subtitle')} />
      <Card>
        <Flex wrap gap={8} className="zz-filters">
          <Segmented<StatusFilter>
            value={status}
            onChange={(v) => tq.set({ status: v === 'pending' ? undefined : v })}
            options={[
              { value: 'pending', label: t('decision.pending') },
              { value: 'approved', label: t('decision.approved') },
              { value: 'rejected', label: t('decision.rejected') },
              { value: 'all', label: t('ledger.all') },
            ]}
          />
        </Flex>
        {list.error && !list.data ? (
          <ErrorState error={list.error} onRetry={list.reload} />
        ) : (
          <Table<Vetting>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.loading}
            onChange={tq.onTableChange}
            pagination={paginationConfig(t, tq.page, tq.pageSize, list.data?.total)}
            scroll={{ x: 'max-content' }}
            locale={{
              emptyText: (
                <Empty
                  image={Empty.PRESENTED_IMAGE_SIMPLE}
                  description={status === 'pending' ? t('vettings.nonePending') : t('common.noMatch')}
                />
              ),
            }}
          />
        )}
      </Card>
      {open && (
        <DecideModal
          vetting={open}
          onClose={() => setOpen(null)}
          onDecided={(v) => {
            setOpen(null);
            void message.success(v.status === 'approved' ? t('vettings.approved') : t('vettings.rejected'));
            list.reload();
          }}
          onConflict={() => {
            setOpen(null);
            list.reload();
          }}
        />
      )}
    </>
  );
}
