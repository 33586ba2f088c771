import type { PayWhatIf } from '@zuzhang/api-schema';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { formatYuan } from '@zuzhang/domain';
import { useEffect, useRef } from 'react';
import { useI18n } from '../../app/i18n/i18n.tsx';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** How many people the chart shows (largest change first); the table has everyone. */
const MAX_PEOPLE = 20;

/** Each person's pay over the months: the plan in force next to the draft. Loaded only with the what-if page. */
export default function WhatIfChart({ result }: { result: PayWhatIf }) {
  const { t, locale } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  const people = [...result.people]
    .sort((a, b) => Math.abs(b.diffFen) - Math.abs(a.diffFen))
    .slice(0, MAX_PEOPLE)
    .reverse();
  const height = Math.max(240, people.length * 44 + 80);

  useEffect(() => {
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
      legend: { top: 0, data: [t('pay.currentPlan'), t('pay.draftPlan')] },
      grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'value', axisLabel: { formatter: (v: number) => compact.format(v) } },
      yAxis: {
        type: 'category',
        data: people.map((p) => p.employeeName),
        axisLabel: { width: 90, overflow: 'truncate' },
      },
      series: [
        {
          name: t('pay.currentPlan'),
          type: 'bar',
          itemStyle: { color: '#8c8c8c' },
          data: people.map((p) => p.currentFen / 100),
        },
        {
          name: t('pay.draftPlan'),
          type: 'bar',
          itemStyle: { color: '#1677ff' },
          data: people.map((p) => p.draftFen / 100),
        },
      ],
    });
    const ro = new ResizeObserver(() => chart.resize());
    ro.observe(el);
    return () => {
      ro.disconnect();
      chart.dispose();
    };
  }, [people, t, locale]);

  return <div ref={ref} style={{ height, width: '100%' }} data-testid="what-if-chart" />;
}
