import { GlobalOutlined } from '@ant-design/icons';
import { Button, Tooltip } from 'antd';
import type { Locale } from '@zuzhang/api-schema';
import { useT } from './i18n/i18n.tsx';

/** Toggles zh-CN / en-US. The label is the other language, written in that language. */
export function LangSwitch({
  locale,
  onChange,
  compact = false,
}: {
  locale: Locale;
  onChange: (locale: Locale) => void;
  compact?: boolean;
}) {
  const t = useT();
  const next: Locale = locale === 'zh-CN' ? 'en-US' : 'zh-CN';
  return (
    <Tooltip title={t('lang.tooltip')}>
      <Button
        data-testid="lang-switch"
        data-locale={locale}
        icon={<GlobalOutlined />}
        onClick={() => onChange(next)}
        aria-label={t('lang.tooltip')}
        lang={next}
        type="text"
      >
        {compact ? t('lang.switchShort') : t('lang.switch')}
      </Button>
    </Tooltip>
  );
}
