import { Col, Row } from 'antd';
import type { TargetMetric, TeamDashboard } from '@zuzhang/api-schema';
import { formatYuan } from '@zuzhang/domain';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useMemo, useRef } from 'react';
import { useI18n } from '../../app/i18n/i18n.tsx';
import { isMoneyMetric } from '../targets/target-format.ts';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface BarRow {
  name: string;
  actual: number;
  target: number | null;
}

type Option = Parameters<echarts.ECharts['setOption']>[0];

/** Draws `option` into the div and keeps it sized to it; a new option redraws. */
function useChart(option: Option) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const chart = echarts.init(el, undefined, { renderer: 'canvas' });
    chart.setOption(option);
    const ro = new ResizeObserver(() => chart.resize());
    ro.observe(el);
    return () => {
      ro.disconnect();
      chart.dispose();
    };
  }, [option]);
  return ref;
}

/**
 * The month at a glance (看板): cumulative actual against the straight-line target day by day, and each
 * member's (or unit's) month actual against their target. Loaded only with the dashboard.
 */
export default function DashboardCharts({
  series,
  bars,
  metric,
}: {
  series: TeamDashboard['series'];
  bars: BarRow[];
  metric: TargetMetric;
}) {
  const { t, locale } = useI18n();
  const [lineOption, barOption] = useMemo((): [Option, Option] => {
    const money = isMoneyMetric(metric);
    // Money goes to the chart in yuan (fen ÷ 100, a display scale, no rounding); counts as they are.
    const scale = (v: number | null) => (v === null ? null : money ? v / 100 : v);
    const compact = new Intl.NumberFormat(locale, { notation: 'compact' });
    const valueText = (v: number) => (money ? `\u00a5${formatYuan(Math.round(v * 100))}` : String(v));

    const line: Option = {
      tooltip: {
        trigger: 'axis',
        valueFormatter: (v: unknown) => (typeof v === 'number' ? valueText(v) : '\u2014'),
      },
      legend: { top: 0, data: [t('dashboard.cumActual'), t('dashboard.paceLine')] },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'category', boundaryGap: false, data: series.map((p) => p.date.slice(5)) },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => compact.format(v) } },
      series: [
        {
          name: t('dashboard.cumActual'),
          type: 'line',
          smooth: false,
          showSymbol: false,
          areaStyle: { opacity: 0.15 },
          itemStyle: { color: '#1677ff' },
          data: series.map((p) => scale(p.actual)),
        },
        {
          name: t('dashboard.paceLine'),
          type: 'line',
          showSymbol: false,
          lineStyle: { type: 'dashed' },
          itemStyle: { color: '#fa8c16' },
          data: series.map((p) => scale(p.target)),
        },
      ],
    };

    const shown = [...bars].reverse();
    const bar: Option = {
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        valueFormatter: (v: unknown) => (typeof v === 'number' ? valueText(v) : '\u2014'),
      },
      legend: { top: 0, data: [t('dashboard.actual'), t('dashboard.target')] },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      // Few labels, none overlapping: the bars must read on a 390 px phone too.
      xAxis: {
        type: 'value',
        splitNumber: 3,
        axisLabel: { formatter: (v: number) => compact.format(v), hideOverlap: true },
      },
      yAxis: {
        type: 'category',
        data: shown.map((b) => b.name),
        axisLabel: { width: 80, overflow: 'truncate' },
      },
      series: [
        {
          name: t('dashboard.target'),
          type: 'bar',
          itemStyle: { color: '#d9d9d9' },
          barGap: '-100%',
          data: shown.map((b) => scale(b.target)),
        },
        {
          name: t('dashboard.actual'),
          type: 'bar',
          itemStyle: { color: '#1677ff' },
          barWidth: '50%',
          data: shown.map((b) => scale(b.actual)),
        },
      ],
    };
    return [line, bar];
  }, [series, bars, metric, t, locale]);

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={12}>
        <ChartBox option={lineOption} height={260} testId="dashboard-chart-line" />
      </Col>
      <Col xs={24} lg={12}>
        <ChartBox
          option={barOption}
          height={Math.max(220, bars.length * 30 + 70)}
          testId="dashboard-chart-bars"
        />
      </Col>
    </Row>
  );
}

function ChartBox({ option, height, testId }: { option: Option; height: number; testId: string }) {
  const ref = useChart(option);
  return <div ref={ref} style={{ height, width: '100%' }} data-testid={testId} />;
}
