import { Flex, Grid } from 'antd';
import type { OrgChartUnitT } from '@zuzhang/api-schema';
import { TreeChart } from 'echarts/charts';
import { TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useMemo, useRef } from 'react';
import { useNavigate } from 'react-router';
import { useT, type Translate } from '../../app/i18n/i18n.tsx';
import { vacanciesOf } from './org-tree.ts';

echarts.use([TreeChart, TooltipComponent, CanvasRenderer]);

interface ChartNode {
  name: string;
  value?: string;
  positionId?: number;
  itemStyle?: { color: string; borderColor: string };
  label?: { color?: string };
  children?: ChartNode[];
  collapsed?: boolean;
}

const RED = '#cf1322';
const BLUE = '#1677ff';

function toNodes(units: OrgChartUnitT[], t: Translate, depth: number): ChartNode[] {
  return units.map((u) => {
    const vacant = vacanciesOf(u);
    return {
      name: u.name,
      value: t('org.filledOfPlanned', { filled: u.filled, planned: u.planned }),
      itemStyle: { color: vacant > 0 ? RED : BLUE, borderColor: vacant > 0 ? RED : BLUE },
      collapsed: depth >= 2,
      children: [
        ...u.positions.map((p) => ({
          name: p.name,
          positionId: p.id,
          value:
            t('org.filledOfPlanned', { filled: p.holders.length, planned: p.headcountPlanned }) +
            (p.holders.length ? ` · ${p.holders.map((h) => h.name).join(', ')}` : ''),
          itemStyle: { color: p.vacancies > 0 ? RED : '#fff', borderColor: p.vacancies > 0 ? RED : BLUE },
          label: p.vacancies > 0 ? { color: RED } : undefined,
        })),
        ...toNodes(u.children, t, depth + 1),
      ],
    };
  });
}

/** Rows the chart shows at first: a collapsed unit takes one row, like a leaf. */
function countVisibleLeaves(nodes: ChartNode[]): number {
  return nodes.reduce(
    (n, c) => n + (c.children?.length && !c.collapsed ? countVisibleLeaves(c.children) : 1),
    0,
  );
}

/** ECharts tree of units and positions; red marks vacancies. Loaded only when this view is chosen. */
export default function OrgEChart({ roots }: { roots: OrgChartUnitT[] }) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const narrow = !screens.md;
  const root = useMemo<ChartNode>(() => {
    const data = toNodes(roots, t, 0);
    return data.length === 1
      ? data[0]!
      : { name: t('org.title'), children: data, itemStyle: { color: BLUE, borderColor: BLUE } };
  }, [roots, t]);
  const height = Math.max(360, Math.min(4000, countVisibleLeaves([root]) * 34 + 40));

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const chart = echarts.init(el, undefined, { renderer: 'canvas' });
    chart.setOption({
      tooltip: {
        trigger: 'item',
        formatter: (p: { data: ChartNode }) => `${p.data.name}<br/>${p.data.value ?? ''}`,
      },
      series: [
        {
          type: 'tree',
          data: [root],
          orient: 'LR',
          top: 20,
          bottom: 20,
          left: narrow ? 110 : 140,
          right: narrow ? 200 : 280,
          symbolSize: 10,
          initialTreeDepth: -1,
          expandAndCollapse: true,
          roam: narrow,
          label: { position: 'left', verticalAlign: 'middle', align: 'right', fontSize: 12 },
          leaves: {
            label: {
              position: 'right',
              align: 'left',
              formatter: (p: { data: ChartNode }) => `${p.data.name}  ${p.data.value ?? ''}`,
            },
          },
          emphasis: { focus: 'descendant' },
          animationDuration: 300,
        },
      ],
    });
    chart.on('click', (p) => {
      const node = p.data as ChartNode | undefined;
      if (node?.positionId) navigate(`/positions/${node.positionId}`);
    });
    const ro = new ResizeObserver(() => chart.resize());
    ro.observe(el);
    return () => {
      ro.disconnect();
      chart.dispose();
    };
  }, [root, narrow, navigate]);

  return (
    <Flex vertical style={{ overflowX: 'auto' }}>
      <div ref={ref} style={{ height, minWidth: narrow ? 760 : 0, width: '100%' }} data-testid="org-echart" />
    </Flex>
  );
}
