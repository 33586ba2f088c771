import { Empty, Flex, Segmented, Timeline, Typography } from 'antd';
import type { TimelineItem } from '@zuzhang/api-schema';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../app/api-client.ts';
import { useT } from '../../app/i18n/i18n.tsx';
import { ErrorState, PageLoading } from '../../app/page-states.tsx';
import { useApi } from '../../app/use-api.ts';

const COLORS: Record<string, string> = {
  follow_up: 'blue',
  ownership: 'gray',
  vetting_requested: 'orange',
  vetting_decided: 'green',
  complaint: 'red',
  complaint_closed: 'green',
  survey: 'purple',
  order: 'blue',
  return: 'orange',
  receipt: 'green',
  invoice: 'cyan',
};

type Filter = 'all' | 'sales' | 'money' | 'service';
const GROUP: Record<string, Filter> = {
  follow_up: 'sales',
  ownership: 'sales',
  vetting_requested: 'sales',
  vetting_decided: 'sales',
  order: 'sales',
  return: 'sales',
  receipt: 'money',
  invoice: 'money',
  complaint: 'service',
  complaint_closed: 'service',
  survey: 'service',
};

/** Where an entry leads, for the kinds that have a page. */
function linkOf(item: TimelineItem, customerId: number): string | undefined {
  switch (item.kind) {
    case 'order':
      return `/orders/${item.refId}`;
    case 'complaint':
    case 'complaint_closed':
      return `/complaints/${item.refId}`;
    case 'receipt':
      return `/receipts?customerId=${customerId}`;
    case 'invoice':
      return `/invoices?customerId=${customerId}`;
    default:
      return undefined;
  }
}

/** Everything that happened with the customer, newest first. */
export function CustomerTimeline({ customerId }: { customerId: number }) {
  const t = useT();
  const [filter, setFilter] = useState<Filter>('all');
  const data = useApi(
    `customer-timeline:${customerId}`,
    async (signal) => (await api.customers.timeline(customerId, 200, signal)).items,
  );
  const items = useMemo(
    () => (data.data ?? []).filter((i) => filter === 'all' || GROUP[i.kind] === filter),
    [data.data, filter],
  );

  if (data.error && !data.data) return <ErrorState error={data.error} onRetry={data.reload} />;
  if (!data.data) return <PageLoading minHeight={160} />;
  return (
    <Flex vertical gap={16}>
      <Segmented<Filter>
        value={filter}
        onChange={setFilter}
        options={[
          { value: 'all', label: t('ledger.all') },
          { value: 'sales', label: t('customers.tlSales') },
          { value: 'money', label: t('customers.tlMoney') },
          { value: 'service', label: t('customers.tlService') },
        ]}
        style={{ alignSelf: 'flex-start' }}
      />
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customers.tlEmpty')} />
      ) : (
        <Timeline
          data-testid="customer-timeline"
          items={items.map((i, n) => {
            const link = linkOf(i, customerId);
            return {
              key: `${i.kind}-${i.refId}-${n}`,
              color: COLORS[i.kind] ?? 'gray',
              content: (
                <Flex vertical>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {i.at}
                  </Typography.Text>
                  <Typography.Text strong>
                    {link ? <Link to={link}>{i.title}</Link> : i.title}
                  </Typography.Text>
                  {i.detail && (
                    <Typography.Text type="secondary" className="zz-multiline">
                      {i.detail}
                    </Typography.Text>
                  )}
                </Flex>
              ),
            };
          })}
        />
      )}
    </Flex>
  );
}
