import { ArrowLeftOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Flex, Result, Spin, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { isApiError } from './api-client.ts';
import { errorText } from './errors.tsx';
import { useT } from './i18n/i18n.tsx';

export function PageLoading({ minHeight = 240 }: { minHeight?: number }) {
  const t = useT();
  return (
    <Flex align="center" justify="center" style={{ minHeight }} role="status" aria-live="polite">
      <Spin description={t('common.loading')} size="large">
        <div style={{ width: 120, height: 60 }} />
      </Spin>
    </Flex>
  );
}

/** A failed load: says what went wrong in the user's language and offers to try again. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT();
  const status = isApiError(error) ? error.status : 0;
  const resultStatus = status === 403 ? '403' : status === 404 ? '404' : status >= 500 ? '500' : 'error';
  const title =
    status === 403
      ? t('error.forbiddenTitle')
      : status === 404
        ? t('error.notFoundTitle')
        : t('error.loadFailed');
  return (
    <Result
      status={resultStatus}
      title={title}
      subTitle={errorText(error, t)}
      extra={
        onRetry && status !== 403 && status !== 404 ? (
          <Button icon={<ReloadOutlined />} onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : (
          <Link to="/">{t('common.backHome')}</Link>
        )
      }
    />
  );
}

export function Forbidden() {
  const t = useT();
  return (
    <Result
      status="403"
      title={t('error.forbiddenTitle')}
      subTitle={t('error.forbidden')}
      extra={<Link to="/">{t('common.backHome')}</Link>}
    />
  );
}

export function NotFound() {
  const t = useT();
  return (
    <Result
      status="404"
      title={t('error.notFoundTitle')}
      subTitle={t('error.pageNotFound')}
      extra={<Link to="/">{t('common.backHome')}</Link>}
    />
  );
}

export function PageHeader({
  title,
  subTitle,
  extra,
  backTo,
}: {
  title: ReactNode;
  subTitle?: ReactNode;
  extra?: ReactNode;
  backTo?: string;
}) {
  const t = useT();
  return (
    <Flex wrap gap={12} align="center" justify="space-between" style={{ marginBottom: 16 }}>
      <Flex gap={8} align="center" style={{ minWidth: 0 }}>
        {backTo && (
          <Link to={backTo} aria-label={t('common.back')}>
            <ArrowLeftOutlined />
          </Link>
        )}
        <div style={{ minWidth: 0 }}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {title}
          </Typography.Title>
          {subTitle && <Typography.Text type="secondary">{subTitle}</Typography.Text>}
        </div>
      </Flex>
      {extra && (
        <Flex wrap gap={8}>
          {extra}
        </Flex>
      )}
    </Flex>
  );
}
