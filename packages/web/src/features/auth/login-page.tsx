import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { isApiError } from '../../app/api-client.ts';
import { useAuth } from '../../app/auth.tsx';
import { applyFormErrors, errorText } from '../../app/errors.tsx';
import { useI18n } from '../../app/i18n/i18n.tsx';
import { LangSwitch } from '../../app/lang-switch.tsx';
import { PageLoading } from '../../app/page-states.tsx';
import '../../app/app.css';

interface LoginValues {
  username: string;
  password: string;
}

/** Only same-site paths: `next` comes from the URL and must not send the user elsewhere. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function LoginPage() {
  const { t, locale } = useI18n();
  const { state, signIn, changeLocale } = useAuth();
  const [form] = Form.useForm<LoginValues>();
  const [error, setError] = useState<{ text: string; locked: boolean } | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const next = safeNext(params.get('next'));

  if (state.status === 'loading') return <PageLoading minHeight={400} />;
  if (state.status === 'signed-in' && !submitting) return <Navigate to={next} replace />;

  const onFinish = async (values: LoginValues) => {
    setSubmitting(true);
    setError(null);
    try {
      await signIn(values.username.trim(), values.password);
      navigate(next, { replace: true });
    } catch (err) {
      const locked = isApiError(err) && err.code === 'locked';
      const text =
        isApiError(err) && err.status === 401 && !err.message ? t('login.invalid') : errorText(err, t);
      setError({ text, locked });
      applyFormErrors(form, err);
      form.setFieldValue('password', '');
      setSubmitting(false);
    }
  };

  return (
    <Flex
      vertical
      align="center"
      justify="center"
      style={{ minHeight: '100vh', padding: 16, background: '#f5f7fa' }}
    >
      <Flex justify="flex-end" style={{ width: '100%', maxWidth: 400, marginBottom: 8 }}>
        <LangSwitch locale={locale} onChange={changeLocale} />
      </Flex>
      <Card style={{ width: '100%', maxWidth: 400 }}>
        <Flex vertical align="center" gap={4} style={{ marginBottom: 24 }}>
          <img src="/favicon.svg" alt="" width={48} height={48} />
          <Typography.Title level={2} style={{ margin: 0 }}>
            {t('app.name')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('login.subtitle')}</Typography.Text>
        </Flex>
        {error && (
          <Alert
            type={error.locked ? 'warning' : 'error'}
            showIcon
            title={error.locked ? t('login.lockedTitle') : t('login.failedTitle')}
            description={error.text}
            style={{ marginBottom: 16 }}
            data-testid="login-error"
            role="alert"
          />
        )}
        <Form<LoginValues>
          form={form}
          layout="vertical"
          onFinish={onFinish}
          requiredMark={false}
          disabled={submitting}
        >
          <Form.Item
            name="username"
            label={t('login.username')}
            rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
          >
            <Input
              prefix={<UserOutlined />}
              autoComplete="username"
              autoFocus
              size="large"
              maxLength={64}
              data-testid="login-username"
            />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('login.password')}
            rules={[{ required: true, message: t('login.passwordRequired') }]}
          >
            <Input.Password
              prefix={<LockOutlined />}
              autoComplete="current-password"
              size="large"
              maxLength={200}
              data-testid="login-password"
            />
          </Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            block
            size="large"
            loading={submitting}
            data-testid="login-submit"
          >
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
      <Typography.Text type="secondary" style={{ marginTop: 16, fontSize: 12 }}>
        {t('app.tagline')}
      </Typography.Text>
    </Flex>
  );
}
