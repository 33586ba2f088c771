import { Tag } from 'antd';
import type { PlanStatus } from '@zuzhang/api-schema';
import { useT } from '../../app/i18n/i18n.tsx';

const COLORS: Record<PlanStatus, string> = { draft: 'default', published: 'green', superseded: 'orange' };

export function PlanStatusTag({ status }: { status: PlanStatus }) {
  const t = useT();
  return (
    <Tag color={COLORS[status]} style={{ marginInlineEnd: 0 }} data-testid="plan-status">
      {t(`planStatus.${status}`)}
    </Tag>
  );
}
