import type { ReviewSummary } from '@zuzhang/api-schema';
import { LineChart } from 'echarts/charts';
import { GridComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useT } from '../../app/i18n/i18n.tsx';

echarts.use([LineChart, GridComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

/** One person's scores over the periods, oldest first. Loaded only with the history page. */
export default function ScoreTrendChart({ reviews }: { reviews: ReviewSummary[] }) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  const scored = reviews.filter((r) => r.score !== null).sort((a, b) => a.period.localeCompare(b.period));

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const chart = echarts.init(el, undefined, { renderer: 'canvas' });
    chart.setOption({
      tooltip: {
        trigger: 'axis',
        formatter: (params: { dataIndex: number }[]) => {
          const r = scored[params[0]?.dataIndex ?? 0];
          return r ? `${r.period}<br/>${t('reviews.score')} ${r.score ?? ''} ${r.grade ?? ''}` : '';
        },
      },
      grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: scored.map((r) => r.period) },
      yAxis: { type: 'value', min: 0, max: 100 },
      series: [
        {
          type: 'line',
          name: t('reviews.score'),
          data: scored.map((r) => Number(r.score)),
          label: { show: true },
          markLine: { silent: true, symbol: 'none', data: [{ yAxis: 60 }, { yAxis: 80 }, { yAxis: 90 }] },
        },
      ],
    });
    const ro = new ResizeObserver(() => chart.resize());
    ro.observe(el);
    return () => {
      ro.disconnect();
      chart.dispose();
    };
  }, [scored, t]);

  return <div ref={ref} style={{ height: 220, width: '100%' }} data-testid="score-trend-chart" />;
}
