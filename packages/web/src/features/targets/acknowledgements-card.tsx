import { FileTextOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Progress, Segmented, Table, Tag, Typography } from 'antd';
import type { AcknowledgementStatus, TargetPlan } from '@zuzhang/api-schema';
import { useState } from 'react';
import { formatDateTime } from '../../app/format.ts';
import { useI18n } from '../../app/i18n/i18n.tsx';
import { ErrorState } from '../../app/page-states.tsx';
import { useApi } from '../../app/use-api.ts';
import { targetsApi } from './targets-api.ts';

type Person = AcknowledgementStatus['people'][number];

/** 承诺书: who in the user's scope with targets in the plan has signed, and who has not yet. */
export function AcknowledgementsCard({ plan }: { plan: TargetPlan }) {
  const { t, locale } = useI18n();
  const [show, setShow] = useState<'all' | 'unsigned'>('all');
  const acks = useApi(`target-acks:${plan.id}`, (signal) => targetsApi.acknowledgements(plan.id, signal));
  const a = acks.data;
  const people = (a?.people ?? []).filter((p) => show === 'all' || p.signedAt === null);
  return (
    <Card
      size="small"
      title={t('targets.acknowledgements')}
      data-testid="plan-acknowledgements"
      extra={
        a && (
          <Flex gap={8} align="center" style={{ minWidth: 160 }}>
            <Progress
              percent={a.total ? (a.signed / a.total) * 100 : 0}
              showInfo={false}
              size="small"
              style={{ width: 80, margin: 0 }}
            />
            <span>{t('targets.signedCount', { signed: a.signed, total: a.total })}</span>
          </Flex>
        )
      }
    >
      {acks.error && !a ? (
        <ErrorState error={acks.error} onRetry={acks.reload} />
      ) : (
        <>
          <Segmented<'all' | 'unsigned'>
            value={show}
            onChange={setShow}
            options={[
              { value: 'all', label: t('ledger.all') },
              { value: 'unsigned', label: t('targets.unsignedOnly') },
            ]}
            style={{ marginBottom: 12 }}
          />
          <Table<Person>
            rowKey="employeeId"
            size="small"
            loading={acks.loading}
            dataSource={people}
            pagination={{ pageSize: 20, size: 'small', hideOnSinglePage: true }}
            scroll={{ x: 'max-content' }}
            locale={{
              emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('targets.noSigners')} />,
            }}
            columns={[
              { key: 'name', title: t('targets.person'), render: (_, p) => p.employeeName },
              { key: 'units', title: t('ledger.team'), render: (_, p) => p.unitNames.join('、') },
              {
                key: 'signed',
                title: t('targets.signedAt'),
                render: (_, p) =>
                  p.signedAt ? (
                    <Flex vertical>
                      <Tag color="green" style={{ marginInlineEnd: 0, width: 'fit-content' }}>
                        {t('targets.signed')}
                      </Tag>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {formatDateTime(p.signedAt)}
                        {p.signedBy ? ` · ${p.signedBy}` : ''}
                      </Typography.Text>
                    </Flex>
                  ) : (
                    <Tag color="orange">{t('targets.notSigned')}</Tag>
                  ),
              },
              {
                key: 'letter',
                title: t('targets.letter'),
                render: (_, p) => (
                  <a
                    href={targetsApi.letterUrl(plan.id, locale, p.employeeId)}
                    target="_blank"
                    rel="noreferrer"
                  >
                    <Button size="small" icon={<FileTextOutlined />}>
                      {t('targets.openLetter')}
                    </Button>
                  </a>
                ),
              },
            ]}
          />
        </>
      )}
    </Card>
  );
}
