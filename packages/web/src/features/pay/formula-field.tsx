import { Flex, Input, Tag, Typography } from 'antd';
import type { PayProblem } from '@zuzhang/api-schema';
import { useT } from '../../app/i18n/i18n.tsx';

/** At most this many allowed names are listed under a problem; the rest are counted. */
const MAX_ALLOWED = 24;

/**
 * The formula with the character the problem points at marked, so the user sees where it went wrong
 * ("at position 14"); past the end (a formula that stops too early) a marked space is added.
 */
export function MarkedFormula({ formula, position }: { formula: string; position: number }) {
  const at = Math.max(0, Math.min(position, formula.length));
  const char = formula.slice(at, at + 1) || '\u00a0';
  return (
    <Typography.Text
      code
      data-testid="formula-marked"
      style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all', fontSize: 12 }}
    >
      {formula.slice(0, at)}
      <mark
        data-testid="formula-mark"
        style={{ background: '#ff4d4f', color: '#fff', padding: '0 1px', borderRadius: 2 }}
      >
        {char}
      </mark>
      {formula.slice(at + 1)}
    </Typography.Text>
  );
}

/** What the checker said about one field: the message, the marked place and what is allowed there. */
export function ProblemNotes({
  problems,
  formula,
  onInsert,
}: {
  problems: PayProblem[];
  formula?: string;
  onInsert?: (name: string) => void;
}) {
  const t = useT();
  if (problems.length === 0) return null;
  return (
    <Flex vertical gap={4} data-testid="formula-problems">
      {problems.map((p, i) => (
        <Flex key={i} vertical gap={2}>
          {/* The server's message already names the component and the position in the formula. */}
          <Typography.Text type="danger" style={{ fontSize: 12 }}>
            {p.message}
          </Typography.Text>
          {formula !== undefined && p.position !== null && (
            <MarkedFormula formula={formula} position={p.position} />
          )}
          {p.allowed.length > 0 && (
            <Flex wrap gap={4} align="center">
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('pay.allowed')}
              </Typography.Text>
              {p.allowed.slice(0, MAX_ALLOWED).map((name) => (
                <Tag
                  key={name}
                  style={{ cursor: onInsert ? 'pointer' : undefined, marginInlineEnd: 0 }}
                  onClick={onInsert ? () => onInsert(name) : undefined}
                >
                  {name}
                </Tag>
              ))}
              {p.allowed.length > MAX_ALLOWED && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('pay.andMore', { count: p.allowed.length - MAX_ALLOWED })}
                </Typography.Text>
              )}
            </Flex>
          )}
        </Flex>
      ))}
    </Flex>
  );
}

/** A formula input (monospace) whose value is the formula text; problems are shown by the caller's Form.Item. */
export function FormulaInput({
  value,
  onChange,
  placeholder,
  invalid,
  id,
  'data-testid': testId,
}: {
  value?: string;
  onChange?: (value: string) => void;
  placeholder?: string;
  invalid?: boolean;
  id?: string;
  'data-testid'?: string;
}) {
  return (
    <Input.TextArea
      id={id}
      data-testid={testId}
      value={value}
      onChange={(e) => onChange?.(e.target.value)}
      placeholder={placeholder}
      autoSize={{ minRows: 1, maxRows: 6 }}
      status={invalid ? 'error' : undefined}
      spellCheck={false}
      style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: 13 }}
    />
  );
}
