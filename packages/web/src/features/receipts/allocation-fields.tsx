import { Empty, Flex, Form, Typography } from 'antd';
import type { OrderSummary } from '@zuzhang/api-schema';
import { formatDate } from '../../app/format.ts';
import { useT } from '../../app/i18n/i18n.tsx';
import { YuanInput } from '../sales-common/money-input.tsx';
import { fen } from '../sales-common/money.ts';

/** One amount field per open order of the customer (Form.Item names under `name`). */
export function AllocationFields({
  name,
  orders,
  loading,
}: {
  name: string;
  orders: OrderSummary[];
  loading: boolean;
}) {
  const t = useT();
  if (!loading && orders.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('receipts.noOpenOrders')} />;
  return (
    <Flex vertical gap={4}>
      {orders.map((o) => (
        <Flex key={o.id} gap={8} align="center" justify="space-between" wrap>
          <Flex vertical style={{ minWidth: 160, flex: '1 1 160px' }}>
            <Typography.Text>{o.no}</Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('receipts.orderOpen', { date: formatDate(o.dueOn ?? o.orderDate), open: fen(o.openFen) })}
            </Typography.Text>
          </Flex>
          <Form.Item
            name={[name, String(o.id)]}
            style={{ marginBottom: 0, flex: '0 1 160px' }}
            rules={[
              {
                validator: (_, v: number | null) =>
                  v && v > o.openFen
                    ? Promise.reject(new Error(t('receipts.aboveOpen', { open: fen(o.openFen) })))
                    : Promise.resolve(),
              },
            ]}
          >
            <YuanInput aria-label={o.no} />
          </Form.Item>
        </Flex>
      ))}
    </Flex>
  );
}
