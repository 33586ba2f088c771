import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Empty, Flex, Popconfirm, Table } from 'antd';
import type { Contract, OrderSummary } from '@zuzhang/api-schema';
import {
  CONTRACT_ACTIONS,
  isContractOpenForOrders,
  nextContractStatus,
  type ContractAction,
} from '@zuzhang/domain';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../app/api-client.ts';
import { useAuth } from '../../app/auth.tsx';
import { useErrorNotice } from '../../app/errors.tsx';
import { formatDate, formatDateTime } from '../../app/format.ts';
import { useT } from '../../app/i18n/i18n.tsx';
import { ErrorState, NotFound, PageHeader, PageLoading } from '../../app/page-states.tsx';
import type { Permission } from '../../app/permissions.ts';
import { useApi } from '../../app/use-api.ts';
import { CollectionPlanCard } from '../sales-common/collection-plan-card.tsx';
import { FileLink, FileUploadButton } from '../sales-common/files.tsx';
import { fen } from '../sales-common/money.ts';
import { NoteModal } from '../sales-common/note-modal.tsx';
import { ContractStatusTag, OrderStatusTag } from '../sales-common/tags.tsx';
import { ContractFormModal } from './contract-form.tsx';

/** Who may take each step (approval authority: approval and its refusal are the manager's). */
const ACTION_PERMISSION: Record<ContractAction, Permission> = {
  submit: 'contract.manage',
  approve: 'contract.approve',
  reject: 'contract.approve',
  start: 'contract.manage',
  complete: 'contract.manage',
  terminate: 'contract.manage',
};
/** Steps that ask for a note (and the ones where the note is required). */
const WITH_NOTE: Partial<Record<ContractAction, 'optional' | 'required'>> = {
  approve: 'optional',
  reject: 'required',
  terminate: 'required',
};

export default function ContractPage() {
  const t = useT();
  const { can } = useAuth();
  const { message, modal } = App.useApp();
  const notice = useErrorNotice();
  const { id } = useParams();
  const contractId = Number(id);
  const valid = Number.isInteger(contractId) && contractId > 0;
  const contract = useApi(valid ? `contract:${contractId}` : null, (signal) =>
    api.contracts.get(contractId, signal),
  );
  const orders = useApi(valid ? `contract-orders:${contractId}` : null, (signal) =>
    api.orders.list({ contractId, pageSize: 50, sort: 'orderDate', order: 'desc' }, signal),
  );
  const [editing, setEditing] = useState(false);
  const [acting, setActing] = useState<ContractAction | null>(null);
  const [busy, setBusy] = useState(false);

  if (!valid) return <NotFound />;
  if (contract.error && !contract.data)
    return <ErrorState error={contract.error} onRetry={contract.reload} />;
  if (!contract.data) return <PageLoading />;
  const c = contract.data;
  const actions = CONTRACT_ACTIONS.filter(
    (a) => nextContractStatus(c.status, a) !== null && can(ACTION_PERMISSION[a]),
  );
  const canEdit = can('contract.manage');

  const run = async (action: ContractAction, note = '') => {
    try {
      const saved = await api.contracts.act(c.id, action, c.version, note);
      contract.setData(saved);
      setActing(null);
      void message.success(t('contracts.nowStatus', { status: t(`contractStatus.${saved.status}`) }));
    } catch (err) {
      notice(err, contract.reload);
      throw err;
    }
  };

  const click = (action: ContractAction) => {
    if (WITH_NOTE[action]) {
      setActing(action);
      return;
    }
    modal.confirm({
      title: t('contracts.confirmAction', { action: t(`contractAction.${action}`), no: c.no }),
      onOk: () => run(action).catch(() => undefined),
    });
  };

  const saveAttachments = async (fileIds: number[]) => {
    setBusy(true);
    try {
      contract.setData(await api.contracts.update(c.id, { attachmentFileIds: fileIds, version: c.version }));
      void message.success(t('common.saved'));
    } catch (err) {
      notice(err, contract.reload);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeader
        backTo="/contracts"
        title={t('contracts.pageTitle', { no: c.no })}
        subTitle={<ContractStatusTag status={c.status} />}
        extra={
          <>
            {canEdit && c.status === 'draft' && (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                {t('common.edit')}
              </Button>
            )}
            {actions.map((a) => (
              <Button
                key={a}
                type={a === 'approve' || a === 'submit' ? 'primary' : 'default'}
                danger={a === 'terminate' || a === 'reject'}
                onClick={() => click(a)}
                data-testid={`contract-${a}`}
              >
                {t(`contractAction.${a}`)}
              </Button>
            ))}
            {can('order.manage') && isContractOpenForOrders(c.status) && (
              <Link to={`/orders/new?customerId=${c.customerId}&contractId=${c.id}`}>
                <Button icon={<PlusOutlined />}>{t('orders.create')}</Button>
              </Link>
            )}
          </>
        }
      />
      <Flex vertical gap={16}>
        <Card size="small">
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 2, lg: 3 }}
            items={[
              {
                key: 'customer',
                label: t('ledger.customer'),
                children: <Link to={`/customers/${c.customerId}`}>{c.customerName}</Link>,
              },
              { key: 'owner', label: t('ledger.owner'), children: c.ownerName },
              { key: 'amount', label: t('contracts.amount'), children: fen(c.amountFen) },
              { key: 'signed', label: t('contracts.signedOn'), children: formatDate(c.signedOn) || '\u2014' },
              {
                key: 'term',
                label: t('contracts.term'),
                children: `${formatDate(c.startOn)} ~ ${formatDate(c.endOn) || t('priceLists.openEnded')}`,
              },
              {
                key: 'days',
                label: t('contracts.paymentDays'),
                children: t('products.daysN', { n: c.paymentDays }),
              },
              {
                key: 'terms',
                label: t('contracts.paymentTerms'),
                span: 'filled',
                children: <span className="zz-multiline">{c.paymentTerms || '\u2014'}</span>,
              },
              { key: 'created', label: t('customers.createdAt'), children: formatDateTime(c.createdAt) },
            ]}
          />
        </Card>
        <Card
          size="small"
          title={t('contracts.attachments')}
          extra={
            canEdit && (
              <FileUploadButton
                disabled={busy}
                label={t('contracts.addAttachment')}
                onUploaded={(f) => void saveAttachments([...c.attachments.map((a) => a.id), f.id])}
              />
            )
          }
        >
          {c.attachments.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('contracts.noAttachments')} />
          ) : (
            <Flex vertical gap={6}>
              {c.attachments.map((a) => (
                <Flex key={a.id} gap={8} align="center">
                  <FileLink file={a} />
                  {canEdit && (
                    <Popconfirm
                      title={t('contracts.removeAttachment', { name: a.name })}
                      onConfirm={() =>
                        saveAttachments(c.attachments.filter((x) => x.id !== a.id).map((x) => x.id))
                      }
                    >
                      <Button
                        type="text"
                        size="small"
                        danger
                        icon={<DeleteOutlined />}
                        aria-label={t('common.remove')}
                      />
                    </Popconfirm>
                  )}
                </Flex>
              ))}
            </Flex>
          )}
        </Card>
        <CollectionPlanCard contractId={c.id} amountFen={c.amountFen} />
        <Card size="small" title={t('contracts.orders')}>
          <Table<OrderSummary>
            size="small"
            rowKey="id"
            loading={orders.loading}
            dataSource={orders.data?.items ?? []}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{
              emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('orders.empty')} />,
            }}
            columns={[
              {
                key: 'no',
                title: t('orders.no'),
                render: (_, o) => <Link to={`/orders/${o.id}`}>{o.no}</Link>,
              },
              { key: 'date', title: t('orders.orderDate'), render: (_, o) => formatDate(o.orderDate) },
              {
                key: 'status',
                title: t('ledger.status'),
                render: (_, o) => <OrderStatusTag status={o.status} />,
              },
              { key: 'total', title: t('orders.total'), align: 'right', render: (_, o) => fen(o.totalFen) },
              {
                key: 'open',
                title: t('ledger.openAmount'),
                align: 'right',
                render: (_, o) => fen(o.openFen),
              },
            ]}
          />
        </Card>
      </Flex>
      {editing && (
        <ContractFormModal
          contract={c}
          onClose={() => setEditing(false)}
          onSaved={(saved: Contract) => {
            setEditing(false);
            contract.setData(saved);
            void message.success(t('common.saved'));
          }}
          onConflict={() => {
            setEditing(false);
            contract.reload();
          }}
        />
      )}
      {acting && (
        <NoteModal
          title={t('contracts.confirmAction', { action: t(`contractAction.${acting}`), no: c.no })}
          description={acting === 'approve' ? t('contracts.approveHint') : undefined}
          okText={t(`contractAction.${acting}`)}
          danger={acting !== 'approve'}
          noteRequired={WITH_NOTE[acting] === 'required'}
          onSubmit={(note) => run(acting, note)}
          onClose={() => setActing(null)}
        />
      )}
    </>
  );
}
