import { ArrowRightOutlined } from '@ant-design/icons';
import { Card, Descriptions, Empty, Flex, Grid, Table, Tag, Typography } from 'antd';
import type { DescriptionsProps } from 'antd';
import type { JobDescription } from '@zuzhang/api-schema';
import type { ReactNode } from 'react';
import { formatDateTime } from '../../app/format.ts';
import { useT } from '../../app/i18n/i18n.tsx';
import {
  IDENTIFICATION_FIELDS,
  QUALIFICATION_LIST_FIELDS,
  QUALIFICATION_TEXT_FIELDS,
} from './jd-sections.ts';

const DASH = '\u2014';
const COLUMNS: DescriptionsProps['column'] = { xs: 1, sm: 2, lg: 3 };

function Text({ value }: { value: string }) {
  return value ? (
    <span className="zz-multiline">{value}</span>
  ) : (
    <Typography.Text type="secondary">{DASH}</Typography.Text>
  );
}

function Bullets({ items }: { items: string[] }) {
  if (items.length === 0) return <Typography.Text type="secondary">{DASH}</Typography.Text>;
  return (
    <ol style={{ margin: 0, paddingInlineStart: 20 }}>
      {items.map((s, i) => (
        <li key={i} className="zz-multiline">
          {s}
        </li>
      ))}
    </ol>
  );
}

function Section({ title, children, id }: { title: string; children: ReactNode; id: string }) {
  return (
    <Card size="small" title={title} id={`jd-${id}`} data-testid={`jd-section-${id}`}>
      {children}
    </Card>
  );
}

export function JdStatusTag({ status }: { status: JobDescription['status'] }) {
  const t = useT();
  const color = status === 'published' ? 'green' : status === 'draft' ? 'orange' : 'default';
  return <Tag color={color}>{t(`jdStatus.${status}`)}</Tag>;
}

/** Every section of a job description, read-only, laid out as the printed form is. */
export function JdViewer({ jd }: { jd: JobDescription }) {
  const t = useT();
  const screens = Grid.useBreakpoint();
  // On a phone, wide tables become stacked items so nothing needs sideways scrolling.
  const narrow = !screens.md;
  const c = jd.content;
  const dc = jd.documentControl;

  return (
    <Flex vertical gap={12} data-testid="jd-viewer">
      <Section id="documentControl" title={t('jd.section.documentControl')}>
        <Descriptions
          size="small"
          column={COLUMNS}
          items={[
            { key: 'docNo', label: t('jd.field.documentControl.docNo'), children: <Text value={dc.docNo} /> },
            {
              key: 'versionNo',
              label: t('jd.versionNo'),
              children: (
                <Flex gap={6} align="center">
                  {t('jd.versionLabel', { n: jd.versionNo })}
                  <JdStatusTag status={jd.status} />
                </Flex>
              ),
            },
            {
              key: 'effectiveDate',
              label: t('jd.field.documentControl.effectiveDate'),
              children: <Text value={dc.effectiveDate ?? ''} />,
            },
            {
              key: 'preparedBy',
              label: t('jd.field.documentControl.preparedBy'),
              children: <Text value={dc.preparedBy} />,
            },
            {
              key: 'reviewedBy',
              label: t('jd.field.documentControl.reviewedBy'),
              children: <Text value={dc.reviewedBy} />,
            },
            {
              key: 'approvedBy',
              label: t('jd.field.documentControl.approvedBy'),
              children: <Text value={dc.approvedBy} />,
            },
            ...(jd.publishedAt
              ? [
                  {
                    key: 'published',
                    label: t('jd.published'),
                    children: `${formatDateTime(jd.publishedAt)}${jd.publishedBy ? ` \u00b7 ${jd.publishedBy}` : ''}`,
                  },
                ]
              : []),
          ]}
        />
      </Section>

      <Section id="identification" title={t('jd.section.identification')}>
        <Descriptions
          size="small"
          bordered
          column={COLUMNS}
          items={IDENTIFICATION_FIELDS.map((f) => ({
            key: f,
            label: t(`jd.field.identification.${f}`),
            children: <Text value={c.identification[f]} />,
          }))}
        />
      </Section>

      <Section id="summary" title={t('jd.section.summaryGroup')}>
        <Descriptions
          size="small"
          column={1}
          items={(['summary', 'purpose', 'personalStandard'] as const).map((k) => ({
            key: k,
            label: t(`jd.section.${k}`),
            children: <Text value={c[k]} />,
          }))}
        />
      </Section>

      <Section id="responsibilities" title={t('jd.section.responsibilities')}>
        {c.responsibilities.length === 0 ? (
          <Typography.Text type="secondary">{t('jd.noneYet')}</Typography.Text>
        ) : narrow ? (
          <div>
            {c.responsibilities.map((r, i) => (
              <div key={i} className="zz-jd-item">
                <Typography.Text strong>
                  {i + 1}. {r.area}
                </Typography.Text>
                <Bullets items={r.duties} />
                {r.standards && (
                  <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
                    {t('jd.field.responsibilities.standards')}
                    {t('common.colon')}
                    <span className="zz-multiline">{r.standards}</span>
                  </Typography.Paragraph>
                )}
              </div>
            ))}
          </div>
        ) : (
          <Table
            size="small"
            rowKey="no"
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={c.responsibilities.map((r, i) => ({ ...r, no: i + 1 }))}
            locale={{
              emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('jd.noneYet')} />,
            }}
            columns={[
              { key: 'no', title: '#', dataIndex: 'no', width: 48 },
              { key: 'area', title: t('jd.field.responsibilities.area'), dataIndex: 'area', width: 160 },
              {
                key: 'duties',
                title: t('jd.field.responsibilities.duties'),
                render: (_, r) => (
                  <div style={{ minWidth: 260, maxWidth: 560 }}>
                    <Bullets items={r.duties} />
                  </div>
                ),
              },
              {
                key: 'standards',
                title: t('jd.field.responsibilities.standards'),
                render: (_, r) => (
                  <div style={{ minWidth: 180, maxWidth: 360 }}>
                    <Text value={r.standards} />
                  </div>
                ),
              },
            ]}
          />
        )}
      </Section>

      <Section id="relations" title={t('jd.section.relations')}>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            {
              key: 'internal',
              label: t('jd.field.relations.internal'),
              children: <Text value={c.relations.internal} />,
            },
            {
              key: 'external',
              label: t('jd.field.relations.external'),
              children: <Text value={c.relations.external} />,
            },
          ]}
        />
      </Section>

      <Section id="authority" title={t('jd.section.authority')}>
        <Flex vertical gap={8}>
          {c.authority.length === 0 ? (
            <Typography.Text type="secondary">{t('jd.noneYet')}</Typography.Text>
          ) : narrow ? (
            <div>
              {c.authority.map((a, i) => (
                <div key={i} className="zz-jd-item">
                  <Tag color="blue">{t(`authorityKind.${a.kind}`)}</Tag>
                  <span className="zz-multiline">{a.description}</span>
                </div>
              ))}
            </div>
          ) : (
            <Table
              size="small"
              rowKey="no"
              pagination={false}
              scroll={{ x: 'max-content' }}
              dataSource={c.authority.map((a, i) => ({ ...a, no: i + 1 }))}
              locale={{
                emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('jd.noneYet')} />,
              }}
              columns={[
                {
                  key: 'kind',
                  title: t('jd.field.authority.kind'),
                  width: 120,
                  render: (_, a) => <Tag color="blue">{t(`authorityKind.${a.kind}`)}</Tag>,
                },
                {
                  key: 'description',
                  title: t('jd.field.authority.description'),
                  render: (_, a) => (
                    <div style={{ minWidth: 220 }} className="zz-multiline">
                      {a.description}
                    </div>
                  ),
                },
              ]}
            />
          )}
          {c.authorityText && (
            <Descriptions
              size="small"
              column={1}
              items={[
                {
                  key: 'text',
                  label: t('jd.section.authorityText'),
                  children: <Text value={c.authorityText} />,
                },
              ]}
            />
          )}
        </Flex>
      </Section>

      <Section id="qualifications" title={t('jd.section.qualifications')}>
        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, md: 2 }}
          items={[
            ...QUALIFICATION_TEXT_FIELDS.map((f) => ({
              key: f,
              label: t(`jd.field.qualifications.${f}`),
              children: <Text value={c.qualifications[f]} />,
            })),
            {
              key: 'knowledge',
              label: t('jd.field.qualifications.knowledge'),
              span: 'filled' as const,
              children: <Text value={c.qualifications.knowledge} />,
            },
            ...QUALIFICATION_LIST_FIELDS.map((f) => ({
              key: f,
              label: t(`jd.field.qualifications.${f}`),
              span: 'filled' as const,
              children: <Bullets items={c.qualifications[f]} />,
            })),
            {
              key: 'other',
              label: t('jd.field.qualifications.other'),
              span: 'filled' as const,
              children: <Text value={c.qualifications.other} />,
            },
          ]}
        />
      </Section>

      <Section id="promotionPath" title={t('jd.section.promotionPath')}>
        {c.promotionPath.length === 0 ? (
          <Typography.Text type="secondary">{t('jd.noneYet')}</Typography.Text>
        ) : (
          <Flex wrap gap={6} align="center">
            {c.promotionPath.map((step, i) => (
              <Flex key={i} gap={6} align="center">
                {i > 0 && <ArrowRightOutlined style={{ color: '#8c8c8c' }} />}
                <Tag color={i === 0 ? 'blue' : 'default'} style={{ marginInlineEnd: 0 }}>
                  {step}
                </Tag>
              </Flex>
            ))}
          </Flex>
        )}
      </Section>

      <Section id="conditions" title={t('jd.section.conditions')}>
        <Descriptions
          size="small"
          column={1}
          items={(['environment', 'hours', 'tools', 'other'] as const).map((k) => ({
            key: k,
            label: t(`jd.section.${k}`),
            children: <Text value={c[k]} />,
          }))}
        />
      </Section>
    </Flex>
  );
}
