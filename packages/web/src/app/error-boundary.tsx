import { Button, Result } from 'antd';
import { Component, type ContextType, type ErrorInfo, type ReactNode } from 'react';
import { I18nContext, translate, DEFAULT_LOCALE } from './i18n/i18n.tsx';

interface Props {
  children: ReactNode;
}
interface State {
  error: Error | null;
}

/** Keeps one broken page from blanking the whole app; the layout stays usable. */
export class ErrorBoundary extends Component<Props, State> {
  static override contextType = I18nContext;
  declare context: ContextType<typeof I18nContext>;
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('Page crashed', error, info.componentStack);
  }

  override render() {
    if (!this.state.error) return this.props.children;
    const t = this.context?.t ?? ((key: Parameters<typeof translate>[1]) => translate(DEFAULT_LOCALE, key));
    return (
      <Result
        status="error"
        title={t('error.crashTitle')}
        subTitle={t('error.crashHint')}
        extra={[
          <Button key="retry" type="primary" onClick={() => this.setState({ error: null })}>
            {t('common.retry')}
          </Button>,
          <Button key="reload" onClick={() => window.location.reload()}>
            {t('common.reloadPage')}
          </Button>,
        ]}
      />
    );
  }
}
