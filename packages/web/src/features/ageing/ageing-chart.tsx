import type { AgeingReport } from '@zuzhang/api-schema';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { formatYuan } from '@zuzhang/domain';
import { useEffect, useRef } from 'react';
import { useI18n } from '../../app/i18n/i18n.tsx';
import { BANDS, BAND_COLORS } from './bands.ts';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** How many rows (largest first) the chart shows; the table has them all. */
const MAX_BARS = 15;

/** Stacked bars of the ageing bands per customer, owner or team. Loaded only with the ageing page. */
export default function AgeingChart({ report }: { report: AgeingReport }) {
  const { t, locale } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  const rows = [...report.rows]
    .sort((a, b) => b.totalFen - a.totalFen)
    .slice(0, MAX_BARS)
    .reverse();
  const height = Math.max(240, rows.length * 28 + 90);

  useEffect(() => {
    // Compact numbers in the UI language (ten-thousands in Chinese, thousands in English): the axis reads in yuan at a glance.
    const compact = new Intl.NumberFormat(locale, { notation: 'compact' });
    const el = ref.current;
    if (!el) return;
    const chart = echarts.init(el, undefined, { renderer: 'canvas' });
    chart.setOption({
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        valueFormatter: (v: number) => `\u00a5${formatYuan(Math.round(v * 100))}`,
      },
      legend: { top: 0, type: 'scroll', data: BANDS.map((b) => t(`ageing.band.${b}`)) },
      grid: { left: 8, right: 24, top: 40, bottom: 8, containLabel: true },
      xAxis: {
        type: 'value',
        axisLabel: { formatter: (v: number) => compact.format(v) },
      },
      yAxis: {
        type: 'category',
        data: rows.map((r) => r.name || t('ageing.noTeam')),
        axisLabel: { width: 110, overflow: 'truncate' },
      },
      series: BANDS.map((b) => ({
        name: t(`ageing.band.${b}`),
        type: 'bar',
        stack: 'total',
        itemStyle: { color: BAND_COLORS[b] },
        emphasis: { focus: 'series' },
        data: rows.map((r) => r.bands[b] / 100),
      })),
    });
    const ro = new ResizeObserver(() => chart.resize());
    ro.observe(el);
    return () => {
      ro.disconnect();
      chart.dispose();
    };
  }, [rows, t, locale]);

  return <div ref={ref} style={{ height, width: '100%' }} data-testid="ageing-chart" />;
}
