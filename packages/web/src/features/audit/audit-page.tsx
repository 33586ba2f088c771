import {
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Flex,
  Input,
  InputNumber,
  Row,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import type { AuditEntry } from '@zuzhang/api-schema';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { api } from '../../app/api-client.ts';
import { formatDateTime } from '../../app/format.ts';
import { useT } from '../../app/i18n/i18n.tsx';
import { ErrorState, PageHeader } from '../../app/page-states.tsx';
import { useApi } from '../../app/use-api.ts';
import { paginationConfig, useTableQuery } from '../../app/use-table-query.ts';

function json(value: unknown): string {
  if (value === null || value === undefined) return '';
  return JSON.stringify(value, null, 2);
}

/** Top-level fields whose value differs between before and after. */
export function changedKeys(before: unknown, after: unknown): string[] {
  const b = before && typeof before === 'object' ? (before as Record<string, unknown>) : {};
  const a = after && typeof after === 'object' ? (after as Record<string, unknown>) : {};
  const keys = new Set([...Object.keys(b), ...Object.keys(a)]);
  return [...keys].filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k])).sort();
}

function AuditDetail({ entry }: { entry: AuditEntry }) {
  const t = useT();
  const changed = changedKeys(entry.before, entry.after);
  const pane = (title: string, value: unknown, testId: string) => (
    <Col xs={24} md={12}>
      <Typography.Text strong>{title}</Typography.Text>
      {value === null || value === undefined ? (
        <Typography.Paragraph type="secondary">{t('audit.none')}</Typography.Paragraph>
      ) : (
        <pre className="zz-pre" data-testid={testId}>
          {json(value)}
        </pre>
      )}
    </Col>
  );
  return (
    <Flex vertical gap={8} style={{ maxWidth: '100%' }}>
      {changed.length > 0 && (
        <Flex wrap gap={4} align="center">
          <Typography.Text type="secondary">{t('audit.changedFields')}</Typography.Text>
          {changed.map((k) => (
            <Tag key={k} color="orange">
              {k}
            </Tag>
          ))}
        </Flex>
      )}
      <Row gutter={[16, 8]}>
        {pane(t('audit.before'), entry.before, 'audit-before')}
        {pane(t('audit.after'), entry.after, 'audit-after')}
      </Row>
    </Flex>
  );
}

export default function AuditPage() {
  const t = useT();
  // Newest first unless the reader asks otherwise (the server orders by time only).
  const tq = useTableQuery({ defaultSort: { key: 'at', order: 'desc' } });
  const entity = tq.filter('entity');
  const entityId = tq.filter('entityId');
  const actorUserId = Number(tq.filter('actorUserId')) || undefined;
  const from = tq.filter('from');
  const to = tq.filter('to');
  const query = useMemo(
    () => ({ ...tq.apiQuery, entity, entityId, actorUserId, from, to }),
    [tq.apiQuery, entity, entityId, actorUserId, from, to],
  );
  const list = useApi(JSON.stringify(query), (signal) => api.audit.list(query, signal));
  const filtered = !!(tq.q || entity || entityId || actorUserId || from || to);

  const columns: TableColumnsType<AuditEntry> = [
    {
      key: 'at',
      title: t('audit.at'),
      sorter: true,
      sortDirections: ['descend', 'ascend'],
      sortOrder: tq.sortOrderFor('at'),
      render: (_, e) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(e.at)}</span>,
    },
    {
      key: 'actor',
      title: t('audit.actor'),
      render: (_, e) => (
        <div>
          {e.actorUserId ? (
            <Typography.Link onClick={() => tq.set({ actorUserId: e.actorUserId })}>
              {e.actorName ?? `#${e.actorUserId}`}
            </Typography.Link>
          ) : (
            <Typography.Text type="secondary">{e.actorName ?? t('audit.system')}</Typography.Text>
          )}
          {e.actingForName && (
            <div>
              <Tag color="gold">{t('audit.actingFor', { name: e.actingForName })}</Tag>
            </div>
          )}
        </div>
      ),
    },
    {
      key: 'action',
      title: t('audit.action'),
      render: (_, e) => <Tag>{e.action}</Tag>,
    },
    {
      key: 'entity',
      title: t('audit.entity'),
      render: (_, e) => (
        <Typography.Link onClick={() => tq.set({ entity: e.entity, entityId: e.entityId })}>
          {e.entity} #{e.entityId}
        </Typography.Link>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t('audit.title')} subTitle={t('audit.readOnly')} />
      <Card>
        <Flex wrap gap={8} className="zz-filters">
          <Input.Search
            key={`q:${tq.q}`}
            defaultValue={tq.q}
            allowClear
            placeholder={t('audit.searchPlaceholder')}
            onSearch={(q) => tq.set({ q })}
            style={{ flex: '1 1 220px', maxWidth: 300 }}
          />
          <Input.Search
            key={`entity:${entity ?? ''}`}
            defaultValue={entity}
            allowClear
            placeholder={t('audit.entity')}
            enterButton={false}
            onSearch={(v) => tq.set({ entity: v.trim() })}
            style={{ flex: '1 1 140px', maxWidth: 180 }}
            maxLength={40}
          />
          <Input.Search
            key={`entityId:${entityId ?? ''}`}
            defaultValue={entityId}
            allowClear
            placeholder={t('audit.entityId')}
            onSearch={(v) => tq.set({ entityId: v.trim() })}
            style={{ flex: '1 1 120px', maxWidth: 160 }}
            maxLength={40}
          />
          <InputNumber<number>
            key={`actor:${actorUserId ?? ''}`}
            defaultValue={actorUserId}
            min={1}
            precision={0}
            placeholder={t('audit.actorId')}
            onBlur={(e) => tq.set({ actorUserId: Number(e.target.value) || undefined })}
            onPressEnter={(e) =>
              tq.set({ actorUserId: Number((e.target as HTMLInputElement).value) || undefined })
            }
            style={{ flex: '1 1 120px', maxWidth: 160 }}
          />
          <DatePicker.RangePicker
            value={[from ? dayjs(from) : null, to ? dayjs(to) : null]}
            allowEmpty={[true, true]}
            onChange={(range) =>
              tq.set({ from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') })
            }
            style={{ flex: '1 1 240px', maxWidth: 300 }}
          />
          {filtered && (
            <Button
              onClick={() =>
                tq.set({
                  q: undefined,
                  entity: undefined,
                  entityId: undefined,
                  actorUserId: undefined,
                  from: undefined,
                  to: undefined,
                })
              }
            >
              {t('common.clearFilters')}
            </Button>
          )}
        </Flex>
        {list.error && !list.data ? (
          <ErrorState error={list.error} onRetry={list.reload} />
        ) : (
          <div data-testid="audit-table">
            <Table<AuditEntry>
              rowKey="id"
              size="middle"
              columns={columns}
              dataSource={list.data?.items ?? []}
              loading={list.loading}
              onChange={tq.onTableChange}
              pagination={paginationConfig(t, tq.page, tq.pageSize, list.data?.total)}
              scroll={{ x: 'max-content' }}
              expandable={{ expandedRowRender: (e) => <AuditDetail entry={e} />, fixed: 'left' }}
              locale={{
                emptyText: (
                  <Empty
                    image={Empty.PRESENTED_IMAGE_SIMPLE}
                    description={filtered ? t('common.noMatch') : t('audit.empty')}
                  />
                ),
              }}
            />
          </div>
        )}
      </Card>
    </>
  );
}
