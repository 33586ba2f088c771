import { InputNumber } from 'antd';
import type { CSSProperties } from 'react';
import { fenToYuan, yuanToFen } from './money.ts';

/** A yuan amount field whose form value is integer fen. */
export function YuanInput({
  value,
  onChange,
  min = 0,
  disabled,
  placeholder,
  style,
  id,
  'data-testid': testId,
  'aria-label': ariaLabel,
}: {
  value?: number | null;
  onChange?: (fen: number | null) => void;
  min?: number;
  disabled?: boolean;
  placeholder?: string;
  style?: CSSProperties;
  id?: string;
  'data-testid'?: string;
  'aria-label'?: string;
}) {
  return (
    <InputNumber<number>
      id={id}
      data-testid={testId}
      aria-label={ariaLabel}
      value={value === null || value === undefined ? null : fenToYuan(value)}
      onChange={(v) => onChange?.(v === null || v === undefined ? null : yuanToFen(v))}
      min={min / 100}
      precision={2}
      step={1}
      prefix={'\u00a5'}
      inputMode="decimal"
      disabled={disabled}
      placeholder={placeholder}
      style={{ width: '100%', ...style }}
    />
  );
}

/** A percentage field (0–100, two decimals) whose form value is basis points. */
export function PercentInput({
  value,
  onChange,
  max = 100,
  disabled,
  style,
  id,
  'aria-label': ariaLabel,
}: {
  value?: number | null;
  onChange?: (bp: number | null) => void;
  max?: number;
  disabled?: boolean;
  style?: CSSProperties;
  id?: string;
  'aria-label'?: string;
}) {
  return (
    <InputNumber<number>
      id={id}
      aria-label={ariaLabel}
      value={value === null || value === undefined ? null : value / 100}
      onChange={(v) => onChange?.(v === null || v === undefined ? null : Math.round(v * 100))}
      min={0}
      max={max}
      precision={2}
      suffix="%"
      inputMode="decimal"
      disabled={disabled}
      style={{ width: '100%', ...style }}
    />
  );
}
