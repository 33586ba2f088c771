import { DownOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Card, Collapse, Divider, Empty, Flex, Table, Tag, Typography } from 'antd';
import type { PayStatementDetail, PayStatementLine } from '@zuzhang/api-schema';
import { useState } from 'react';
import { useI18n } from '../../app/i18n/i18n.tsx';
import { figureInfo, formatFigure, signedFen, sourceKey, textIn } from './pay-format.tsx';

type Input = PayStatementLine['inputs'][number];
type FigureRow = [string, PayStatementDetail['figures'][string]];

const KIND_COLOR: Record<string, string> = {
  base: 'blue',
  commission: 'cyan',
  bonus: 'green',
  adjustment: 'geekblue',
  mentoring: 'purple',
  fine: 'red',
  clawback: 'volcano',
  draw: 'gold',
};
const KINDS = Object.keys(KIND_COLOR);

function KindTag({ kind }: { kind: string }) {
  const { t } = useI18n();
  return (
    <Tag color={KIND_COLOR[kind] ?? 'default'} style={{ marginInlineEnd: 0 }}>
      {KINDS.includes(kind) ? t(`pay.kind.${kind as 'base'}`) : kind}
    </Tag>
  );
}

/** What a line (or a rule that did not apply) was computed from: each input with its value and source. */
function InputsTable({ inputs }: { inputs: Input[] }) {
  const { t, locale } = useI18n();
  return (
    <Table<Input>
      size="small"
      rowKey={(i) => `${i.periodsBack}:${i.name}`}
      dataSource={inputs}
      pagination={false}
      data-testid="pay-line-inputs"
      locale={{ emptyText: t('pay.noInputs') }}
      columns={[
        {
          key: 'label',
          title: t('pay.input'),
          render: (_, i) => (
            <span>
              {textIn(i.label, locale)}
              {i.periodsBack > 0 && (
                <Typography.Text type="secondary">
                  {' '}
                  {t(i.periodsBack === 1 ? 'pay.lastMonth' : 'pay.monthsBack', { n: i.periodsBack })}
                </Typography.Text>
              )}
            </span>
          ),
        },
        {
          key: 'value',
          title: t('pay.value'),
          align: 'right',
          render: (_, i) => <span style={{ whiteSpace: 'nowrap' }}>{textIn(i.text, locale)}</span>,
        },
        {
          key: 'source',
          title: t('pay.sourceCol'),
          render: (_, i) => <Tag style={{ marginInlineEnd: 0 }}>{t(sourceKey(i.source))}</Tag>,
        },
      ]}
    />
  );
}

function Formula({ label, text }: { label: string; text: string }) {
  return (
    <Typography.Paragraph style={{ margin: 0, fontSize: 12 }}>
      <Typography.Text type="secondary">{label} </Typography.Text>
      <Typography.Text code style={{ wordBreak: 'break-all' }}>
        {text}
      </Typography.Text>
    </Typography.Paragraph>
  );
}

/** One line of the statement: what it is, how much, the sentence that explains it, and (on demand) its basis. */
function LineRow({ line }: { line: PayStatementLine }) {
  const { t, locale } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <div data-testid="pay-line" data-amount-fen={line.amountFen} style={{ padding: '10px 0' }}>
      <Flex justify="space-between" align="flex-start" gap={12}>
        <Flex gap={6} align="center" wrap style={{ minWidth: 0 }}>
          <KindTag kind={line.kind} />
          <Typography.Text strong data-testid="pay-line-label">
            {textIn(line.label, locale)}
          </Typography.Text>
        </Flex>
        <Typography.Text
          strong
          data-testid="pay-line-amount"
          type={line.amountFen < 0 ? 'danger' : undefined}
          style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}
        >
          {signedFen(line.amountFen)}
        </Typography.Text>
      </Flex>
      <Typography.Paragraph
        type="secondary"
        data-testid="pay-line-explanation"
        style={{ margin: '4px 0 0', fontSize: 13 }}
      >
        {textIn(line.explanation, locale)}
      </Typography.Paragraph>
      <Button
        type="link"
        size="small"
        style={{ padding: 0, height: 'auto' }}
        icon={open ? <DownOutlined /> : <RightOutlined />}
        onClick={() => setOpen((o) => !o)}
        aria-expanded={open}
        data-testid="pay-line-toggle"
      >
        {t(open ? 'pay.hideBasis' : 'pay.showBasis')}
      </Button>
      {open && (
        <Flex vertical gap={6} style={{ marginTop: 6 }}>
          <InputsTable inputs={line.inputs} />
          {line.when && <Formula label={t('pay.when')} text={line.when} />}
          <Formula label={t('pay.formula')} text={line.formula} />
        </Flex>
      )}
    </div>
  );
}

/**
 * A pay statement (工资条): each line with the sentence that explains it, its inputs, sources and formula on
 * demand, then the total. The lines add up to the total exactly (the server sums the rounded lines).
 */
export function StatementView({ statement: s }: { statement: PayStatementDetail }) {
  const { t, locale } = useI18n();
  const figures: FigureRow[] = Object.entries(s.figures);
  return (
    <Flex vertical gap={16} data-testid="pay-statement">
      <Card size="small">
        <Flex vertical>
          {s.lines.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('pay.noLines')} />
          ) : (
            s.lines.map((line, i) => (
              <div key={line.componentKey}>
                {i > 0 && <Divider style={{ margin: 0 }} />}
                <LineRow line={line} />
              </div>
            ))
          )}
          <Divider style={{ margin: '4px 0 8px' }} />
          <Flex justify="space-between" align="baseline" gap={12}>
            <Typography.Text strong style={{ fontSize: 16 }}>
              {t('pay.total')}
            </Typography.Text>
            <Typography.Text
              strong
              data-testid="pay-total"
              style={{ fontSize: 22, whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}
            >
              {signedFen(s.totalFen)}
            </Typography.Text>
          </Flex>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('pay.totalHint', { count: s.lines.length })}
          </Typography.Text>
        </Flex>
      </Card>
      {(s.skipped.length > 0 || figures.length > 0) && (
        <Collapse
          size="small"
          items={[
            ...(s.skipped.length > 0
              ? [
                  {
                    key: 'skipped',
                    label: t('pay.skippedTitle', { count: s.skipped.length }),
                    children: (
                      <Flex vertical gap={12} data-testid="pay-skipped">
                        {s.skipped.map((k) => (
                          <div key={k.componentKey}>
                            <Flex gap={6} align="center" wrap>
                              <KindTag kind={k.kind} />
                              <Typography.Text>{textIn(k.label, locale)}</Typography.Text>
                            </Flex>
                            <Typography.Paragraph type="secondary" style={{ margin: '4px 0', fontSize: 13 }}>
                              {textIn(k.explanation, locale)}
                            </Typography.Paragraph>
                            <Formula label={t('pay.when')} text={k.when} />
                          </div>
                        ))}
                      </Flex>
                    ),
                  },
                ]
              : []),
            ...(figures.length > 0
              ? [
                  {
                    key: 'figures',
                    label: t('pay.figuresTitle'),
                    children: (
                      <Table<FigureRow>
                        size="small"
                        rowKey={([name]) => name}
                        dataSource={figures}
                        pagination={false}
                        scroll={{ x: 'max-content' }}
                        data-testid="pay-figures"
                        columns={[
                          {
                            key: 'name',
                            title: t('pay.figure'),
                            render: (_, [name]) => figureInfo(name, locale).label,
                          },
                          {
                            key: 'value',
                            title: t('pay.value'),
                            align: 'right',
                            render: (_, [name, f]) => (
                              <span style={{ whiteSpace: 'nowrap' }}>
                                {formatFigure(f.value, figureInfo(name, locale).unit)}
                              </span>
                            ),
                          },
                          {
                            key: 'source',
                            title: t('pay.sourceCol'),
                            render: (_, [, f]) => (
                              <Flex vertical>
                                <span>{t(sourceKey(f.source))}</span>
                                {f.detail && (
                                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                                    {f.detail}
                                  </Typography.Text>
                                )}
                              </Flex>
                            ),
                          },
                        ]}
                      />
                    ),
                  },
                ]
              : []),
          ]}
        />
      )}
    </Flex>
  );
}
