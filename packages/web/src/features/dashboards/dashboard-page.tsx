import { ApartmentOutlined, ReloadOutlined, RiseOutlined } from '@ant-design/icons';
import { Breadcrumb, Button, Segmented, Typography } from 'antd';
import type { TargetMetric } from '@zuzhang/api-schema';
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useAuth, useMe } from '../../app/auth.tsx';
import { useT } from '../../app/i18n/i18n.tsx';
import { ErrorState, PageHeader, PageLoading } from '../../app/page-states.tsx';
import { useUnits } from '../../app/pickers.tsx';
import { useApi } from '../../app/use-api.ts';
import { PLAIN_METRICS } from '../targets/target-format.ts';
import { usePeriodLabel } from '../targets/period-picker.tsx';
import { dashboardsApi } from './dashboards-api.ts';
import { OverviewView } from './overview-view.tsx';
import { TeamView } from './team-view.tsx';

type Metric = (typeof PLAIN_METRICS)[number];

/** The units from the top one the user may see down to `unitId`, for the breadcrumbs of a drill-down. */
function useUnitTrail(unitId: number | null | undefined) {
  const { can } = useAuth();
  const units = useUnits();
  return useMemo(() => {
    if (!can('org.read') || !unitId || !units.data) return [];
    const byId = new Map(units.data.map((u) => [u.id, u]));
    const trail: { id: number; name: string }[] = [];
    // Units outside the user's scope are not in the list: the climb stops at the top unit they see.
    for (let u = byId.get(unitId); u; u = u.parentId === null ? undefined : byId.get(u.parentId)) {
      trail.unshift({ id: u.id, name: u.name });
      if (trail.length > 20) break;
    }
    return trail;
  }, [can, unitId, units.data]);
}

/**
 * 看板: the team lead's week and month per member, or, for a manager or the VP, the same per unit below
 * with drill-down (click a unit → its units → a team → its people). One page: a unit with units below shows
 * the overview; a team shows the lead's dashboard.
 */
export default function DashboardPage() {
  const t = useT();
  const me = useMe();
  const { can } = useAuth();
  const periodLabel = usePeriodLabel();
  const [params, setParams] = useSearchParams();
  const unitId = Number(params.get('unitId')) || undefined;
  const metricParam = params.get('metric');
  const metric: Metric = PLAIN_METRICS.includes(metricParam as Metric) ? (metricParam as Metric) : 'sales';
  // A team lead lands on their own team (组长看板); a planner (manager, VP) on the widest unit they see.
  // A lead acting for someone above them can still open the wider view.
  const ownTeam = !unitId && params.get('view') !== 'overview' && !can('target.plan');

  const overview = useApi(ownTeam ? null : `dashboard-overview:${metric}:${unitId ?? ''}`, (signal) =>
    dashboardsApi.overview({ metric, unitId }, signal),
  );
  // Asked for alongside the overview, so a team's page does not wait for two answers in turn.
  const early = useApi(`dashboard-team:${metric}:${unitId ?? ''}`, (signal) =>
    dashboardsApi.team({ metric, unitId }, signal),
  );
  const o = overview.data;
  // A team's rows are its people: it gets the lead's dashboard, with follow-ups, receivables and new hires.
  const isTeam = ownTeam || (!!o && !o.rows.some((r) => r.kind === 'unit'));
  const teamUnitId = o?.unit?.id;
  const earlyFits = ownTeam || (!!early.data && early.data.unit?.id === teamUnitId);
  const late = useApi(
    isTeam && !earlyFits && !early.loading ? `dashboard-team:${metric}:${teamUnitId ?? ''}!` : null,
    (signal) => dashboardsApi.team({ metric, unitId: teamUnitId }, signal),
  );
  const team = earlyFits ? early : late;
  const shown = isTeam ? team.data : o;
  const trail = useUnitTrail(shown?.unit?.id);

  const set = (patch: Record<string, string | undefined>) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      for (const [k, v] of Object.entries(patch)) {
        if (v === undefined) next.delete(k);
        else next.set(k, v);
      }
      return next;
    });
  const drill = (id: number) => set({ unitId: String(id), view: undefined });
  const reload = () => {
    if (!ownTeam) overview.reload();
    early.reload();
  };

  const subTitle = shown
    ? t('dashboard.periods', {
        week: periodLabel(shown.week.period),
        weekLeft: shown.week.daysLeft,
        month: periodLabel(shown.month.period),
        monthLeft: shown.month.daysLeft,
      })
    : undefined;
  const error = ownTeam ? team.error : (overview.error ?? (isTeam ? team.error : undefined));

  return (
    <>
      <PageHeader
        title={shown?.unit ? t('dashboard.titleOf', { unit: shown.unit.name }) : t('dashboard.title')}
        subTitle={subTitle}
        extra={
          <>
            <Segmented<Metric>
              value={metric}
              onChange={(m: TargetMetric) => set({ metric: m === 'sales' ? undefined : m })}
              options={PLAIN_METRICS.map((m) => ({ value: m, label: t(`metric.${m}`) }))}
              data-testid="dashboard-metric"
            />
            <Button icon={<ReloadOutlined />} onClick={reload} aria-label={t('ledger.refresh')} />
            {ownTeam && me.scope.unitCount > 1 && (
              <Button icon={<ApartmentOutlined />} onClick={() => set({ view: 'overview' })}>
                {t('dashboard.widerView')}
              </Button>
            )}
            <Link to="/progress">
              <Button icon={<RiseOutlined />}>{t('nav.progress')}</Button>
            </Link>
          </>
        }
      />
      {trail.length > 1 && (
        <Breadcrumb
          style={{ marginBottom: 12 }}
          data-testid="dashboard-breadcrumbs"
          items={trail.map((u, i) =>
            i === trail.length - 1
              ? { key: u.id, title: u.name }
              : { key: u.id, title: <Link to={`?${withUnit(params, u.id)}`}>{u.name}</Link> },
          )}
        />
      )}
      {error && !shown ? (
        <ErrorState error={error} onRetry={reload} />
      ) : !shown ? (
        <PageLoading />
      ) : isTeam ? (
        <TeamView data={team.data!} loading={team.loading} />
      ) : (
        <OverviewView data={o!} loading={overview.loading} onDrill={drill} />
      )}
      {shown && (
        <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 12 }}>
          {t('dashboard.explain', { today: shown.today })}
        </Typography.Text>
      )}
    </>
  );
}

function withUnit(params: URLSearchParams, unitId: number): string {
  const next = new URLSearchParams(params);
  next.set('unitId', String(unitId));
  next.delete('view');
  return next.toString();
}
