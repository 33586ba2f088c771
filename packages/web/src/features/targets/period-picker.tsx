import { Flex, Segmented, Select } from 'antd';
import { PERIOD_GRAINS, parsePeriod, periodOf, weeksInYear, type PeriodGrain } from '@zuzhang/domain';
import { useCallback, useMemo } from 'react';
import { todayString } from '../../app/format.ts';
import { useT } from '../../app/i18n/i18n.tsx';

const pad = (n: number) => String(n).padStart(2, '0');

/** The period of `grain` in `year` holding the same point of the year as `from` (1 March stays in Q1, 2027-03). */
function moveTo(from: string, grain: PeriodGrain, year: number): string {
  const day = `${year}${from.slice(4)}`;
  // 29 February does not exist in every year: the 28th is in the same week, month and quarter.
  const safe = day.endsWith('-02-29') ? `${year}-02-28` : day;
  return periodOf(safe, grain);
}

/** A period's text for people: `2027年第5周 (01-25–01-31)` in Chinese, `2027 W05 (01-25–01-31)` in English. */
export function usePeriodLabel() {
  const t = useT();
  return useCallback(
    (period: string): string => {
      try {
        const p = parsePeriod(period);
        switch (p.grain) {
          case 'year':
            return t('period.year', { year: p.year });
          case 'quarter':
            return t('period.quarter', { year: p.year, index: p.index });
          case 'month':
            return t('period.month', { year: p.year, index: p.index });
          case 'week':
            return t('period.week', {
              year: p.year,
              index: pad(p.index),
              from: p.from.slice(5),
              to: p.to.slice(5),
            });
        }
      } catch {
        // Not a period (an old value in the URL): shown as written.
        return period;
      }
    },
    [t],
  );
}

/**
 * 年度 / 季度 / 月度 / 周: a grain, a year and (below a year) which quarter, month or ISO week. Plain selects
 * rather than a calendar: ISO weeks start on Monday whatever the UI language, which antd's week picker does
 * not promise, and selects are easy to tap on a phone.
 */
export function PeriodPicker({
  value,
  onChange,
  grains = PERIOD_GRAINS,
  years,
  testId = 'period-picker',
}: {
  value: string;
  onChange: (period: string) => void;
  grains?: readonly PeriodGrain[];
  /** Years offered; by default three years back to one ahead of the year shown. */
  years?: number[];
  testId?: string;
}) {
  const t = useT();
  const label = usePeriodLabel();
  const p = parsePeriod(value);
  // A week's year is its ISO week-year, which is what the year select shows for weeks.
  const yearOptions = useMemo(() => {
    const thisYear = Number(todayString().slice(0, 4));
    const list = years ?? [thisYear - 3, thisYear - 2, thisYear - 1, thisYear, thisYear + 1];
    return [...new Set([...list, p.year])].sort((a, b) => a - b);
  }, [years, p.year]);

  const indexOptions = useMemo(() => {
    const year = p.year;
    const count =
      p.grain === 'quarter' ? 4 : p.grain === 'month' ? 12 : p.grain === 'week' ? weeksInYear(year) : 0;
    return Array.from({ length: count }, (_, i) => {
      const text =
        p.grain === 'quarter'
          ? `${year}-Q${i + 1}`
          : p.grain === 'month'
            ? `${year}-${pad(i + 1)}`
            : `${year}-W${pad(i + 1)}`;
      return { value: text, label: label(text) };
    });
  }, [p.grain, p.year, label]);

  return (
    <Flex wrap gap={8} align="center" data-testid={testId}>
      <Segmented<PeriodGrain>
        value={p.grain}
        onChange={(g) => onChange(moveTo(p.from, g, Number(p.from.slice(0, 4))))}
        options={grains.map((g) => ({ value: g, label: t(`period.grain.${g}`) }))}
      />
      <Select<number>
        value={p.year}
        onChange={(y) =>
          onChange(
            p.grain === 'week'
              ? `${y}-W${pad(Math.min(p.index, weeksInYear(y)))}`
              : moveTo(p.from, p.grain, y),
          )
        }
        options={yearOptions.map((y) => ({ value: y, label: t('period.year', { year: y }) }))}
        style={{ width: 110 }}
        aria-label={t('period.pickYear')}
      />
      {p.grain !== 'year' && (
        <Select<string>
          value={p.text}
          onChange={onChange}
          options={indexOptions}
          showSearch={{ optionFilterProp: 'label' }}
          style={{ minWidth: 150 }}
          popupMatchSelectWidth={false}
          aria-label={t(`period.grain.${p.grain}`)}
        />
      )}
    </Flex>
  );
}

/** Today's period of a grain (browser date; the server answers in the company's time zone). */
export function currentPeriod(grain: PeriodGrain): string {
  return periodOf(todayString(), grain);
}
