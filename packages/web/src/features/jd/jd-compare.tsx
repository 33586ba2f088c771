import { Empty, Flex, Modal, Select, Table, Tag, Typography } from 'antd';
import type { JdDiffEntry, JdSummary } from '@zuzhang/api-schema';
import { useState } from 'react';
import { api } from '../../app/api-client.ts';
import { formatValue } from '../../app/format.ts';
import { useT } from '../../app/i18n/i18n.tsx';
import { ErrorState } from '../../app/page-states.tsx';
import { useApi } from '../../app/use-api.ts';
import { describeJdPath } from './jd-sections.ts';

const KIND_COLORS: Record<JdDiffEntry['kind'], string> = {
  added: 'green',
  removed: 'red',
  changed: 'orange',
};

function Value({ value }: { value: unknown }) {
  const text = formatValue(value);
  if (!text) return <Typography.Text type="secondary">{'\u2014'}</Typography.Text>;
  return (
    <div className="zz-multiline" style={{ minWidth: 160, maxWidth: 420 }}>
      {text}
    </div>
  );
}

/** Two versions side by side: every changed field as a row with its value before and after. */
export function JdCompareModal({
  open,
  versions,
  defaultFrom,
  defaultTo,
  onClose,
}: {
  open: boolean;
  versions: JdSummary[];
  defaultFrom?: number;
  defaultTo?: number;
  onClose: () => void;
}) {
  const t = useT();
  const [from, setFrom] = useState<number | undefined>(defaultFrom);
  const [to, setTo] = useState<number | undefined>(defaultTo);
  const ready = from !== undefined && to !== undefined && from !== to;
  const diff = useApi(ready ? `jd-compare:${from}:${to}` : null, (signal) =>
    api.jd.compare(from!, to!, signal),
  );
  const options = versions.map((v) => ({
    value: v.id,
    label: `${t('jd.versionLabel', { n: v.versionNo })} \u00b7 ${t(`jdStatus.${v.status}`)}`,
  }));

  return (
    <Modal
      open={open}
      onCancel={onClose}
      footer={null}
      title={t('jd.compareTitle')}
      width={1000}
      destroyOnHidden
    >
      <Flex wrap gap={8} align="center" style={{ marginBottom: 16 }}>
        <Typography.Text>{t('jd.compareFrom')}</Typography.Text>
        <Select
          value={from}
          onChange={setFrom}
          options={options}
          style={{ minWidth: 180 }}
          data-testid="jd-compare-from"
        />
        <Typography.Text>{t('jd.compareTo')}</Typography.Text>
        <Select
          value={to}
          onChange={setTo}
          options={options}
          style={{ minWidth: 180 }}
          data-testid="jd-compare-to"
        />
      </Flex>
      {!ready ? (
        <Empty description={t('jd.comparePick')} />
      ) : diff.error ? (
        <ErrorState error={diff.error} onRetry={diff.reload} />
      ) : (
        <Table<JdDiffEntry>
          size="small"
          loading={diff.loading}
          rowKey={(e) => `${e.path}:${e.kind}`}
          dataSource={diff.data ?? []}
          pagination={false}
          scroll={{ x: 'max-content', y: 520 }}
          data-testid="jd-compare-table"
          locale={{
            emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('jd.noDifferences')} />,
          }}
          columns={[
            {
              key: 'path',
              title: t('jd.diffField'),
              render: (_, e) => (
                <div style={{ minWidth: 140 }}>
                  <div>{describeJdPath(e.path, t)}</div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {e.path}
                  </Typography.Text>
                </div>
              ),
            },
            {
              key: 'kind',
              title: t('jd.diffKind'),
              render: (_, e) => <Tag color={KIND_COLORS[e.kind]}>{t(`diffKind.${e.kind}`)}</Tag>,
            },
            { key: 'before', title: t('jd.diffBefore'), render: (_, e) => <Value value={e.before} /> },
            { key: 'after', title: t('jd.diffAfter'), render: (_, e) => <Value value={e.after} /> },
          ]}
        />
      )}
    </Modal>
  );
}
