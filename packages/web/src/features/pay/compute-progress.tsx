import { Flex, Progress, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useT } from '../../app/i18n/i18n.tsx';

/**
 * Shown while the server computes a run in one request: the bar moves towards (never reaches) the end and
 * the seconds count up, so a long run for a large company still looks alive.
 */
export function ComputeProgress({ label }: { label: string }) {
  const t = useT();
  const [seconds, setSeconds] = useState(0);
  useEffect(() => {
    const started = Date.now();
    const timer = setInterval(() => setSeconds((Date.now() - started) / 1000), 250);
    return () => clearInterval(timer);
  }, []);
  const percent = Math.round(95 * (1 - Math.exp(-seconds / 6)));
  return (
    <Flex vertical gap={4} data-testid="pay-run-progress" role="status" aria-live="polite">
      <Typography.Text>{label}</Typography.Text>
      <Progress percent={percent} status="active" showInfo={false} />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('pay.elapsed', { seconds: Math.floor(seconds) })}
      </Typography.Text>
    </Flex>
  );
}
