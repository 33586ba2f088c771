import { Drawer, Empty, Timeline, Typography } from 'antd';
import type { TargetPlan } from '@zuzhang/api-schema';
import { Link } from 'react-router';
import { formatDateTime } from '../../app/format.ts';
import { useT } from '../../app/i18n/i18n.tsx';
import { ErrorState, PageLoading } from '../../app/page-states.tsx';
import { useApi } from '../../app/use-api.ts';
import { PlanStatusTag } from './plan-status-tag.tsx';
import { targetsApi } from './targets-api.ts';

/** Every version of the plan's year and metric, oldest first, with why each re-plan was made. */
export function VersionsDrawer({ plan, onClose }: { plan: TargetPlan; onClose: () => void }) {
  const t = useT();
  const versions = useApi(`target-plan-versions:${plan.id}`, (signal) =>
    targetsApi.versions(plan.id, signal),
  );
  return (
    <Drawer open onClose={onClose} title={t('targets.versions')} size="default" data-testid="plan-versions">
      {versions.error && !versions.data ? (
        <ErrorState error={versions.error} onRetry={versions.reload} />
      ) : !versions.data ? (
        <PageLoading />
      ) : versions.data.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <Timeline
          items={versions.data.map((v) => ({
            key: v.id,
            color: v.status === 'published' ? 'green' : v.status === 'draft' ? 'gray' : 'blue',
            content: (
              <div>
                <div style={{ display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap' }}>
                  {v.id === plan.id ? (
                    <b>{`v${v.versionNo}`}</b>
                  ) : (
                    <Link to={`/plans/${v.id}`}>{`v${v.versionNo}`}</Link>
                  )}
                  <PlanStatusTag status={v.status} />
                </div>
                {v.reason && (
                  <Typography.Paragraph style={{ margin: '4px 0' }}>{v.reason}</Typography.Paragraph>
                )}
                <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
                  {t('targets.createdBy', { by: v.createdBy ?? '', at: formatDateTime(v.createdAt) })}
                </Typography.Text>
                {v.publishedAt && (
                  <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
                    {t('targets.publishedBy', { by: v.publishedBy ?? '', at: formatDateTime(v.publishedAt) })}
                  </Typography.Text>
                )}
              </div>
            ),
          }))}
        />
      )}
    </Drawer>
  );
}
