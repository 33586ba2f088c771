import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Flex, Form, Input, Row, Select, Typography } from 'antd';
import type { FormItemProps, FormListFieldData } from 'antd';
import type { ReactNode } from 'react';
import { useT } from '../../app/i18n/i18n.tsx';
import { FIGURE_UNITS, PARAMETER_UNITS } from './plan-form.ts';

/** Form.Item props that show the checker's problems for one field path. */
export type FieldStatus = (path: string) => Partial<FormItemProps>;

type Unit = (typeof FIGURE_UNITS)[number] | (typeof PARAMETER_UNITS)[number];

/**
 * A plan's list of named entries (figures, parameters): each row a name, a label in both languages, a unit
 * and one column of its own (a figure's source, a parameter's value), removable; a button adds a row.
 */
export function NamedListEditor({
  listName,
  hint,
  nameLabel,
  nameSpan,
  renderName,
  units,
  last,
  addText,
  newItem,
  readOnly,
  status,
  rowTestId,
}: {
  listName: 'figures' | 'parameters';
  hint: string;
  nameLabel: string;
  /** The name column's width on a wide screen (of 24). */
  nameSpan: number;
  renderName: (field: FormListFieldData) => ReactNode;
  units: readonly Unit[];
  /** The row's own column: the entry's field, its label, its width on a wide screen, its input. */
  last: { field: string; label: string; span: number; input: ReactNode };
  addText: string;
  newItem: Record<string, unknown>;
  readOnly: boolean;
  status: FieldStatus;
  rowTestId?: string;
}) {
  const t = useT();
  return (
    <Card size="small">
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {hint}
      </Typography.Paragraph>
      <Form.List name={listName}>
        {(fields, { add, remove: removeAt }) => (
          <Flex vertical gap={4}>
            {fields.map((field) => {
              const base = `${listName}.${field.name}`;
              return (
                <Row key={field.key} gutter={8} align="top" data-testid={rowTestId}>
                  <Col xs={24} md={nameSpan}>
                    <Form.Item name={[field.name, 'name']} label={nameLabel} {...status(`${base}.name`)}>
                      {renderName(field)}
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={5}>
                    <Form.Item
                      name={[field.name, 'label', 'zh-CN']}
                      label={t('pay.labelZh')}
                      {...status(`${base}.label`)}
                    >
                      <Input />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={5}>
                    <Form.Item name={[field.name, 'label', 'en-US']} label={t('pay.labelEn')}>
                      <Input />
                    </Form.Item>
                  </Col>
                  <Col xs={10} md={3}>
                    <Form.Item name={[field.name, 'unit']} label={t('pay.unit')} {...status(`${base}.unit`)}>
                      <Select options={units.map((u) => ({ value: u, label: t(`pay.unit.${u}`) }))} />
                    </Form.Item>
                  </Col>
                  <Col xs={11} md={last.span}>
                    <Form.Item
                      name={[field.name, last.field]}
                      label={last.label}
                      {...status(`${base}.${last.field}`)}
                    >
                      {last.input}
                    </Form.Item>
                  </Col>
                  <Col xs={3} md={1}>
                    {!readOnly && (
                      <Button
                        type="text"
                        danger
                        icon={<MinusCircleOutlined />}
                        style={{ marginTop: 30 }}
                        onClick={() => removeAt(field.name)}
                        aria-label={t('common.remove')}
                      />
                    )}
                  </Col>
                </Row>
              );
            })}
            {!readOnly && (
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add(newItem)}>
                {addText}
              </Button>
            )}
          </Flex>
        )}
      </Form.List>
    </Card>
  );
}
