import { CheckOutlined, PlusOutlined, StopOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Empty, Flex, Rate, Timeline, Typography } from 'antd';
import type { Complaint } from '@zuzhang/api-schema';
import { nextComplaintStatus } from '@zuzhang/domain';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../app/api-client.ts';
import { useAuth } from '../../app/auth.tsx';
import { formatDate, formatDateTime } from '../../app/format.ts';
import { useT } from '../../app/i18n/i18n.tsx';
import { ErrorState, NotFound, PageHeader, PageLoading } from '../../app/page-states.tsx';
import { useApi } from '../../app/use-api.ts';
import { ComplaintStatusTag, OverdueTag, SeverityTag } from '../sales-common/tags.tsx';
import { ResolveModal, StepModal } from './complaint-forms.tsx';

export default function ComplaintPage() {
  const t = useT();
  const { can } = useAuth();
  const { message } = App.useApp();
  const { id } = useParams();
  const complaintId = Number(id);
  const valid = Number.isInteger(complaintId) && complaintId > 0;
  const complaint = useApi(valid ? `complaint:${complaintId}` : null, (signal) =>
    api.complaints.get(complaintId, signal),
  );
  const [modal, setModal] = useState<'step' | 'resolve' | 'close' | null>(null);

  if (!valid) return <NotFound />;
  if (complaint.error && !complaint.data)
    return <ErrorState error={complaint.error} onRetry={complaint.reload} />;
  if (!complaint.data) return <PageLoading />;
  const c = complaint.data;
  const canManage = can('complaint.manage');
  const saved = (x: Complaint) => {
    setModal(null);
    complaint.setData(x);
    void message.success(t('common.saved'));
  };
  const conflict = () => {
    setModal(null);
    complaint.reload();
  };

  return (
    <>
      <PageHeader
        backTo="/complaints"
        title={c.title}
        subTitle={
          <Flex gap={6} wrap component="span">
            <SeverityTag severity={c.severity} />
            <ComplaintStatusTag status={c.status} />
            {c.overdue && <OverdueTag />}
          </Flex>
        }
        extra={
          canManage && (
            <>
              {nextComplaintStatus(c.status, 'step') && (
                <Button
                  icon={<PlusOutlined />}
                  onClick={() => setModal('step')}
                  data-testid="complaint-add-step"
                >
                  {t('complaints.addStep')}
                </Button>
              )}
              {nextComplaintStatus(c.status, 'resolve') && (
                <Button type="primary" icon={<CheckOutlined />} onClick={() => setModal('resolve')}>
                  {t('complaints.resolve')}
                </Button>
              )}
              {nextComplaintStatus(c.status, 'close') && (
                <Button icon={<StopOutlined />} onClick={() => setModal('close')}>
                  {t('complaints.close')}
                </Button>
              )}
            </>
          )
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
                children: <Link to={`/customers/${c.customerId}?tab=complaints`}>{c.customerName}</Link>,
              },
              {
                key: 'order',
                label: t('complaints.order'),
                children: c.orderId ? (
                  <Link to={`/orders/${c.orderId}`}>{t('complaints.viewOrder')}</Link>
                ) : (
                  '\u2014'
                ),
              },
              { key: 'owner', label: t('complaints.owner'), children: c.ownerName },
              { key: 'received', label: t('complaints.receivedOn'), children: formatDate(c.receivedOn) },
              { key: 'deadline', label: t('complaints.deadlineOn'), children: formatDate(c.deadlineOn) },
              {
                key: 'closed',
                label: t('complaints.closedOn'),
                children: formatDate(c.closedOn) || '\u2014',
              },
              {
                key: 'description',
                label: t('complaints.description'),
                span: 'filled',
                children: <span className="zz-multiline">{c.description}</span>,
              },
              ...(c.resolution
                ? [
                    {
                      key: 'resolution',
                      label: t('complaints.resolution'),
                      span: 'filled' as const,
                      children: <span className="zz-multiline">{c.resolution}</span>,
                    },
                  ]
                : []),
              {
                key: 'satisfaction',
                label: t('complaints.satisfaction'),
                children: c.satisfaction ? (
                  <Rate disabled value={c.satisfaction} style={{ fontSize: 14 }} />
                ) : (
                  '\u2014'
                ),
              },
              { key: 'created', label: t('customers.createdAt'), children: formatDateTime(c.createdAt) },
            ]}
          />
        </Card>
        <Card size="small" title={t('complaints.steps')}>
          {c.steps.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('complaints.noSteps')} />
          ) : (
            <Timeline
              items={c.steps.map((s, i) => ({
                key: i,
                content: (
                  <Flex vertical>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {formatDate(s.on)}
                    </Typography.Text>
                    <span className="zz-multiline">{s.text}</span>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {s.byName}
                    </Typography.Text>
                  </Flex>
                ),
              }))}
            />
          )}
        </Card>
      </Flex>
      {modal === 'step' && (
        <StepModal complaint={c} onClose={() => setModal(null)} onSaved={saved} onConflict={conflict} />
      )}
      {(modal === 'resolve' || modal === 'close') && (
        <ResolveModal
          complaint={c}
          mode={modal}
          onClose={() => setModal(null)}
          onSaved={saved}
          onConflict={conflict}
        />
      )}
    </>
  );
}
