import {
  CheckCircleOutlined,
  DiffOutlined,
  EditOutlined,
  FilePdfOutlined,
  PlusOutlined,
  PrinterOutlined,
  SendOutlined,
} from '@ant-design/icons';
import { Alert, App, Button, Empty, Flex, Popconfirm, Select, Table, Tabs, Tag, Typography } from 'antd';
import type { JdAcknowledgement, JdSummary, JobDescription, Position } from '@zuzhang/api-schema';
import { Suspense, lazy, useState } from 'react';
import { api, isApiError, type ErrorDetail } from '../../app/api-client.ts';
import { useAuth, useMe } from '../../app/auth.tsx';
import { useErrorNotice } from '../../app/errors.tsx';
import { formatDate, formatDateTime } from '../../app/format.ts';
import { useI18n } from '../../app/i18n/i18n.tsx';
import { ErrorState, PageLoading } from '../../app/page-states.tsx';
import { useApi } from '../../app/use-api.ts';
import { JdCompareModal } from './jd-compare.tsx';
import type { JdFormValues } from './jd-editor.tsx';
import { describeJdPath, emptyDocumentControl, emptyJdContent } from './jd-sections.ts';
import { JdStatusTag, JdViewer } from './jd-viewer.tsx';

// The editor is the heaviest form of the app: it loads only when someone edits.
const JdEditor = lazy(() => import('./jd-editor.tsx'));

interface EditState {
  draft: JobDescription | null;
  initial: JdFormValues;
  problems?: ErrorDetail[];
}

/** The job description of one position: viewer, versions, compare, draft editor, publish, print, sign. */
export function JdPanel({ position }: { position: Position }) {
  const { t, locale } = useI18n();
  const me = useMe();
  const { can } = useAuth();
  const { message, modal } = App.useApp();
  const notice = useErrorNotice();

  const versions = useApi(`jd-versions:${position.id}`, (signal) => api.jd.versions(position.id, signal));
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const list = versions.data ?? [];
  const draftSummary = list.find((v) => v.status === 'draft');
  const publishedSummary = list.find((v) => v.status === 'published');
  const currentId = selectedId ?? publishedSummary?.id ?? draftSummary?.id ?? list[0]?.id ?? null;

  const doc = useApi(currentId ? `jd:${currentId}` : null, (signal) => api.jd.get(currentId!, signal));
  const jd = doc.data && doc.data.id === currentId ? doc.data : undefined;
  const acks = useApi(jd && jd.status !== 'draft' ? `jd-acks:${jd.id}` : null, (signal) =>
    api.jd.acknowledgements(jd!.id, signal),
  );

  const [editing, setEditing] = useState<EditState | null>(null);
  const [publishProblems, setPublishProblems] = useState<ErrorDetail[] | null>(null);
  const [comparing, setComparing] = useState(false);
  const [busy, setBusy] = useState<'edit' | 'publish' | 'pdf' | 'ack' | null>(null);
  const [tab, setTab] = useState('content');

  const reloadAll = () => {
    versions.reload();
    doc.reload();
  };

  const startEdit = async (problems?: ErrorDetail[]) => {
    setBusy('edit');
    try {
      if (draftSummary) {
        const draft = jd?.id === draftSummary.id ? jd : await api.jd.get(draftSummary.id);
        setEditing({
          draft,
          initial: { documentControl: draft.documentControl, content: draft.content },
          problems,
        });
      } else {
        // A new draft starts from the version in force, if any; the server copies nothing itself.
        let base: JobDescription | null = null;
        if (publishedSummary) base = jd?.id === publishedSummary.id ? jd : await api.jd.current(position.id);
        setEditing({
          draft: null,
          initial: base
            ? { documentControl: { ...base.documentControl, effectiveDate: null }, content: base.content }
            : { documentControl: emptyDocumentControl(), content: emptyJdContent(position) },
        });
      }
      setTab('content');
    } catch (err) {
      notice(err, reloadAll);
    } finally {
      setBusy(null);
    }
  };

  const publish = async () => {
    if (!jd) return;
    setBusy('publish');
    try {
      const published = await api.jd.publish(jd.id, jd.version);
      setPublishProblems(null);
      void message.success(t('jd.publishedOk', { n: published?.versionNo ?? jd.versionNo }));
      setSelectedId(published?.id ?? jd.id);
      reloadAll();
    } catch (err) {
      if (isApiError(err) && err.status === 422 && err.details.length > 0) setPublishProblems(err.details);
      else notice(err, reloadAll);
    } finally {
      setBusy(null);
    }
  };

  const downloadPdf = async () => {
    if (!jd) return;
    setBusy('pdf');
    try {
      await api.jd.downloadPdf(jd.id, locale, `${jd.positionName}-v${jd.versionNo}.pdf`);
    } catch (err) {
      notice(err);
    } finally {
      setBusy(null);
    }
  };

  const acknowledge = () => {
    if (!jd) return;
    modal.confirm({
      title: t('jd.ackTitle', { n: jd.versionNo }),
      content: <Typography.Paragraph strong>{t('jd.ackStatement')}</Typography.Paragraph>,
      okText: t('jd.ackConfirm'),
      onOk: async () => {
        setBusy('ack');
        try {
          await api.jd.acknowledge(jd.id);
          void message.success(t('jd.ackDone'));
          acks.reload();
        } catch (err) {
          notice(err, acks.reload);
        } finally {
          setBusy(null);
        }
      },
    });
  };

  if (versions.error && !versions.data)
    return <ErrorState error={versions.error} onRetry={versions.reload} />;
  if (!versions.data) return <PageLoading />;

  if (editing) {
    return (
      <Suspense fallback={<PageLoading />}>
        <JdEditor
          positionId={position.id}
          draft={editing.draft}
          initial={editing.initial}
          problems={editing.problems}
          onCancel={() => setEditing(null)}
          onConflict={() => {
            setEditing(null);
            reloadAll();
          }}
          onSaved={(saved) => {
            setEditing(null);
            setPublishProblems(null);
            void message.success(t('jd.savedOk'));
            setSelectedId(saved.id);
            doc.setData(saved);
            versions.reload();
          }}
        />
      </Suspense>
    );
  }

  if (list.length === 0) {
    return (
      <Empty description={t('jd.empty')} data-testid="jd-empty">
        {can('jd.edit') && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            loading={busy === 'edit'}
            onClick={() => void startEdit()}
          >
            {t('jd.createFirst')}
          </Button>
        )}
      </Empty>
    );
  }

  const isHolder = me.positions.some((p) => p.id === position.id) && !!me.employee;
  const myAck = jd && acks.data?.find((a) => a.employeeId === me.employee?.id && a.jdId === jd.id);
  const acksForbidden = isApiError(acks.error) && acks.error.status === 403;

  const toolbar = jd && (
    <Flex wrap gap={8} align="center" style={{ marginBottom: 12 }}>
      <Select<number>
        value={jd.id}
        onChange={(v) => setSelectedId(v)}
        style={{ minWidth: 200 }}
        aria-label={t('jd.versionNo')}
        data-testid="jd-version-select"
        options={list.map((v) => ({
          value: v.id,
          label: `${t('jd.versionLabel', { n: v.versionNo })} \u00b7 ${t(`jdStatus.${v.status}`)}`,
        }))}
      />
      <Button
        icon={<PrinterOutlined />}
        data-testid="jd-print"
        onClick={() => window.open(api.jd.printUrl(jd.id, locale), '_blank', 'noopener')}
      >
        {t('jd.print')}
      </Button>
      <Button
        icon={<FilePdfOutlined />}
        data-testid="jd-pdf"
        loading={busy === 'pdf'}
        onClick={() => void downloadPdf()}
      >
        {t('jd.pdf')}
      </Button>
      {list.length > 1 && (
        <Button icon={<DiffOutlined />} onClick={() => setComparing(true)} data-testid="jd-compare">
          {t('jd.compare')}
        </Button>
      )}
      {can('jd.edit') && (
        <Button
          icon={draftSummary ? <EditOutlined /> : <PlusOutlined />}
          loading={busy === 'edit'}
          onClick={() => void startEdit()}
          data-testid="jd-edit"
        >
          {draftSummary ? t('jd.editDraft') : t('jd.newDraft')}
        </Button>
      )}
      {can('jd.publish') && jd.status === 'draft' && (
        <Popconfirm
          title={t('jd.publishConfirmTitle', { n: jd.versionNo })}
          description={t('jd.publishConfirmHint')}
          okText={t('jd.publish')}
          onConfirm={() => void publish()}
        >
          <Button
            type="primary"
            icon={<SendOutlined />}
            loading={busy === 'publish'}
            data-testid="jd-publish"
          >
            {t('jd.publish')}
          </Button>
        </Popconfirm>
      )}
      {isHolder && jd.status === 'published' && !myAck && (
        <Button
          type="primary"
          icon={<CheckCircleOutlined />}
          loading={busy === 'ack'}
          onClick={acknowledge}
          data-testid="jd-acknowledge"
        >
          {t('jd.acknowledge')}
        </Button>
      )}
      {myAck && (
        <Tag color="green" icon={<CheckCircleOutlined />}>
          {t('jd.acknowledgedOn', { at: formatDateTime(myAck.acknowledgedAt) })}
        </Tag>
      )}
    </Flex>
  );

  const problemsAlert = publishProblems && (
    <Alert
      type="error"
      showIcon
      closable={{ onClose: () => setPublishProblems(null) }}
      style={{ marginBottom: 12 }}
      data-testid="jd-publish-problems"
      title={t('jd.publishBlocked')}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 20 }}>
          {publishProblems.map((p, i) => (
            <li key={i}>
              {p.path ? (
                <>
                  <b>{describeJdPath(p.path, t)}</b>
                  {t('common.colon')}
                  <Typography.Text type="secondary">{p.message}</Typography.Text>
                </>
              ) : (
                p.message
              )}
            </li>
          ))}
        </ul>
      }
      action={
        can('jd.edit') && (
          <Button size="small" onClick={() => void startEdit(publishProblems)}>
            {t('jd.fixInEditor')}
          </Button>
        )
      }
    />
  );

  const versionColumns = [
    {
      key: 'versionNo',
      title: t('jd.versionNo'),
      render: (_: unknown, v: JdSummary) => (
        <Button
          type="link"
          size="small"
          onClick={() => {
            setSelectedId(v.id);
            setTab('content');
          }}
          style={{ padding: 0 }}
        >
          {t('jd.versionLabel', { n: v.versionNo })}
        </Button>
      ),
    },
    {
      key: 'status',
      title: t('jd.status'),
      render: (_: unknown, v: JdSummary) => <JdStatusTag status={v.status} />,
    },
    {
      key: 'effectiveDate',
      title: t('jd.field.documentControl.effectiveDate'),
      render: (_: unknown, v: JdSummary) => formatDate(v.effectiveDate),
    },
    {
      key: 'publishedAt',
      title: t('jd.published'),
      render: (_: unknown, v: JdSummary) => formatDateTime(v.publishedAt),
    },
  ];

  const ackColumns = [
    { key: 'employeeName', title: t('jd.ackWho'), dataIndex: 'employeeName' },
    {
      key: 'versionNo',
      title: t('jd.versionNo'),
      render: (_: unknown, a: JdAcknowledgement) => t('jd.versionLabel', { n: a.versionNo }),
    },
    {
      key: 'acknowledgedAt',
      title: t('jd.ackWhen'),
      render: (_: unknown, a: JdAcknowledgement) => formatDateTime(a.acknowledgedAt),
    },
  ];

  return (
    <div data-testid="jd-panel">
      {problemsAlert}
      {toolbar}
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'content',
            label: t('jd.tabContent'),
            children:
              doc.error && !jd ? (
                <ErrorState error={doc.error} onRetry={doc.reload} />
              ) : !jd ? (
                <PageLoading />
              ) : (
                <JdViewer jd={jd} />
              ),
          },
          {
            key: 'versions',
            label: t('jd.tabVersions', { count: list.length }),
            children: (
              <Table<JdSummary>
                size="small"
                rowKey="id"
                dataSource={list}
                columns={versionColumns}
                pagination={false}
                scroll={{ x: 'max-content' }}
                rowClassName={(v) => (v.id === currentId ? 'ant-table-row-selected' : '')}
              />
            ),
          },
          ...(jd && jd.status !== 'draft' && !acksForbidden
            ? [
                {
                  key: 'acks',
                  label: t('jd.tabAcks', { count: acks.data?.length ?? 0 }),
                  children: acks.error ? (
                    <ErrorState error={acks.error} onRetry={acks.reload} />
                  ) : (
                    <Flex vertical gap={8}>
                      <Typography.Text type="secondary">{t('jd.ackExplain')}</Typography.Text>
                      <Table<JdAcknowledgement>
                        size="small"
                        rowKey="id"
                        loading={acks.loading}
                        dataSource={acks.data ?? []}
                        columns={ackColumns}
                        pagination={{ pageSize: 20, hideOnSinglePage: true }}
                        scroll={{ x: 'max-content' }}
                        data-testid="jd-acks"
                        locale={{
                          emptyText: (
                            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('jd.noAcks')} />
                          ),
                        }}
                      />
                    </Flex>
                  ),
                },
              ]
            : []),
        ]}
      />
      {comparing && (
        <JdCompareModal
          open
          versions={list}
          defaultFrom={
            list[list.findIndex((v) => v.id === currentId) + 1]?.id ??
            list.find((v) => v.id !== currentId)?.id
          }
          defaultTo={currentId ?? undefined}
          onClose={() => setComparing(false)}
        />
      )}
    </div>
  );
}
