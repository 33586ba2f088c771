import { Button, Result } from 'antd';
import { useRouteError } from 'react-router';
import { useT } from './i18n/i18n.tsx';

/** Last resort for errors thrown while routing (e.g. a lazy page chunk that failed to load after a deploy). */
export function RouteError() {
  const t = useT();
  const error = useRouteError();
  console.error(error);
  return (
    <Result
      status="error"
      title={t('error.crashTitle')}
      subTitle={t('error.crashHint')}
      extra={
        <Button type="primary" onClick={() => window.location.reload()}>
          {t('common.reloadPage')}
        </Button>
      }
    />
  );
}
