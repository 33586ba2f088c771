import { InputNumber } from 'antd';
import type { TargetMetric } from '@zuzhang/api-schema';
import type { CSSProperties } from 'react';
import { YuanInput } from '../sales-common/money-input.tsx';
import { isMoneyMetric } from './target-format.ts';

/** A target amount field: yuan typed, fen kept, for money metrics; a whole count for new customers. */
export function AmountInput({
  metric,
  value,
  onChange,
  placeholder,
  disabled,
  style,
  id,
  'aria-label': ariaLabel,
  'data-testid': testId,
}: {
  metric: TargetMetric;
  value?: number | null;
  onChange?: (value: number | null) => void;
  placeholder?: string;
  disabled?: boolean;
  style?: CSSProperties;
  id?: string;
  'aria-label'?: string;
  'data-testid'?: string;
}) {
  if (isMoneyMetric(metric)) {
    return (
      <YuanInput
        value={value}
        onChange={onChange}
        placeholder={placeholder}
        disabled={disabled}
        style={style}
        id={id}
        aria-label={ariaLabel}
        data-testid={testId}
      />
    );
  }
  return (
    <InputNumber<number>
      id={id}
      value={value ?? null}
      onChange={(v) => onChange?.(v ?? null)}
      min={0}
      precision={0}
      step={1}
      inputMode="numeric"
      placeholder={placeholder}
      disabled={disabled}
      style={{ width: '100%', ...style }}
      aria-label={ariaLabel}
      data-testid={testId}
    />
  );
}
