import {
  CheckOutlined,
  ExclamationCircleOutlined,
  HistoryOutlined,
  LeftOutlined,
  RightOutlined,
  ReloadOutlined,
  SaveOutlined,
  SendOutlined,
} from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Flex,
  Input,
  InputNumber,
  Radio,
  Row,
  Statistic,
  Tag,
  Typography,
} from 'antd';
import type { Review, ReviewItem } from '@zuzhang/api-schema';
import {
  DEFAULT_GRADE_BANDS,
  KPI_SOURCES,
  gradeOf,
  scoreIndicator,
  weightedScore,
  type GradeBand,
} from '@zuzhang/domain';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useAuth } from '../../app/auth.tsx';
import { useErrorNotice } from '../../app/errors.tsx';
import { formatDateTime } from '../../app/format.ts';
import { useT, type MessageKey } from '../../app/i18n/i18n.tsx';
import { ErrorState, NotFound, PageHeader, PageLoading } from '../../app/page-states.tsx';
import { useApi } from '../../app/use-api.ts';
import { NoteModal } from '../sales-common/note-modal.tsx';
import {
  GradeTag,
  ReviewStatusTag,
  describeCurve,
  formatActual,
  formatKpiValue,
  formatPoints,
} from './review-format.tsx';
import { reviewsApi } from './reviews-api.ts';

/** What the rater has typed and not saved yet, per indicator code. */
type Edits = Record<string, { value?: string | null; comment?: string }>;

function sourceKey(source: string): MessageKey | null {
  return (KPI_SOURCES as readonly string[]).includes(source)
    ? (`reviews.source.${source}` as MessageKey)
    : null;
}

/** An item's value after the rater's edits. */
function valueOf(item: ReviewItem, edits: Edits): string | null {
  const edit = edits[item.code];
  return edit && 'value' in edit ? (edit.value ?? null) : item.value;
}

/**
 * The score the form would get (same curves and weights as the server, same one-decimal rounding), shown
 * while the rater is still choosing; null while anything is blank. The server's score is the one kept.
 */
function previewScore(items: ReviewItem[], edits: Edits, bands: readonly GradeBand[]) {
  if (items.some((i) => valueOf(i, edits) === null)) return null;
  try {
    const score = weightedScore(
      items.map((i) => ({ weight: i.weight, points: scoreIndicator(i.curve, valueOf(i, edits)!) })),
    );
    return { score: score.toFixed(1), grade: gradeOf(score, bands) };
  } catch {
    return null;
  }
}

function ItemCard({
  item,
  edits,
  editable,
  onEdit,
}: {
  item: ReviewItem;
  edits: Edits;
  editable: boolean;
  onEdit: (code: string, edit: { value?: string | null; comment?: string }) => void;
}) {
  const t = useT();
  const value = valueOf(item, edits);
  const comment = edits[item.code]?.comment ?? item.comment;
  const bySystem = item.filledBy === 'system';
  const rated = item.kind === 'rated';
  const source = item.source ? sourceKey(item.source) : null;
  let points: string | null = item.points;
  if (value !== item.value) {
    try {
      points = value === null ? null : scoreIndicator(item.curve, value).toString();
    } catch {
      points = null;
    }
  }
  return (
    <Card
      size="small"
      data-testid="review-item"
      title={
        <Flex gap={8} align="center" wrap style={{ whiteSpace: 'normal' }}>
          <Typography.Text strong>{item.label}</Typography.Text>
          <Tag color={rated ? 'purple' : 'blue'} style={{ marginInlineEnd: 0 }}>
            {t(rated ? 'reviews.kind.rated' : 'reviews.kind.computed')}
          </Tag>
        </Flex>
      }
      extra={
        <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
          {t('reviews.weight', { weight: item.weight })}
        </Typography.Text>
      }
    >
      <Flex vertical gap={8}>
        {!rated && (
          <Flex vertical gap={2}>
            <Flex gap={8} align="baseline" wrap>
              <Typography.Text type="secondary">{t('reviews.value')}</Typography.Text>
              {editable && !bySystem ? (
                <InputNumber<number>
                  value={value === null ? null : item.unit === 'ratio' ? Number(value) * 100 : Number(value)}
                  onChange={(v) =>
                    onEdit(item.code, {
                      value:
                        v === null || v === undefined
                          ? null
                          : item.unit === 'ratio'
                            ? String(Number((v / 100).toFixed(6)))
                            : String(v),
                    })
                  }
                  min={0}
                  suffix={item.unit === 'ratio' ? '%' : undefined}
                  style={{ width: 140 }}
                  aria-label={item.label}
                />
              ) : (
                <Typography.Text strong data-testid="review-item-value">
                  {formatKpiValue(value, item.unit)}
                </Typography.Text>
              )}
              {item.actual !== null && item.target !== null && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('reviews.actualTarget', {
                    actual: formatActual(item.actual, item.unit),
                    target: formatActual(item.target, item.unit),
                  })}
                </Typography.Text>
              )}
            </Flex>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {bySystem ? t('reviews.filledBySystem') : t('reviews.filledByRater')}
              {source && ` · ${t('reviews.sourceLabel')}${t(source)}`}
            </Typography.Text>
            {item.note &&
              (value === null ? (
                <Alert type="warning" showIcon title={item.note} style={{ padding: '4px 8px' }} />
              ) : (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {item.note}
                </Typography.Text>
              ))}
          </Flex>
        )}
        {rated && item.rubric && !editable && (
          // Read-only: the level given, with its description, is what the employee needs to read.
          <Flex vertical gap={2} data-testid="review-rubric-result">
            {(() => {
              const level = item.rubric.levels.find((l) => String(l.value) === value);
              return level ? (
                <>
                  <Flex gap={8} align="center">
                    <Tag
                      color="purple"
                      style={{ marginInlineEnd: 0 }}
                    >{`${level.value} / ${item.rubric.max}`}</Tag>
                    <Typography.Text strong>{level.name}</Typography.Text>
                  </Flex>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {level.description}
                  </Typography.Text>
                </>
              ) : (
                <Typography.Text type="secondary">{t('reviews.notRated')}</Typography.Text>
              );
            })()}
          </Flex>
        )}
        {rated && item.rubric && editable && (
          <Radio.Group
            value={value === null ? null : Number(value)}
            onChange={(e) => onEdit(item.code, { value: String(e.target.value) })}
            style={{ display: 'flex', flexDirection: 'column', gap: 6 }}
            data-testid="review-rubric"
          >
            {[...item.rubric.levels]
              .sort((a, b) => b.value - a.value)
              .map((level) => (
                <Radio key={level.value} value={level.value} style={{ alignItems: 'flex-start' }}>
                  <Typography.Text strong>{`${level.value} ${level.name}`}</Typography.Text>
                  <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                    {level.description}
                  </Typography.Text>
                </Radio>
              ))}
          </Radio.Group>
        )}
        {editable ? (
          <Input.TextArea
            value={comment}
            onChange={(e) => onEdit(item.code, { comment: e.target.value })}
            placeholder={t('reviews.commentPlaceholder')}
            autoSize={{ minRows: 1, maxRows: 4 }}
            maxLength={500}
            aria-label={t('reviews.comment')}
          />
        ) : (
          comment && (
            <Typography.Paragraph style={{ margin: 0 }}>
              <Typography.Text type="secondary">
                {t('reviews.comment')}
                {t('common.colon')}
              </Typography.Text>
              {comment}
            </Typography.Paragraph>
          )
        )}
        <Flex justify="space-between" gap={8} wrap>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {describeCurve(item.curve, item.unit, t)}
          </Typography.Text>
          <Typography.Text style={{ whiteSpace: 'nowrap' }} data-testid="review-item-points">
            {t('reviews.points', { points: formatPoints(points) })}
          </Typography.Text>
        </Flex>
      </Flex>
    </Card>
  );
}

/**
 * One scorecard (考核表) for one person and period. The lead rates the rated items on the rubric with a
 * comment (computed ones are filled from the data), saves, submits; the person confirms or appeals with a
 * reason; the next level up decides an appeal.
 */
export default function ReviewPage() {
  const t = useT();
  const { can, me } = useAuth();
  const { message, modal } = App.useApp();
  const notice = useErrorNotice();
  const navigate = useNavigate();
  const { id } = useParams();
  const reviewId = Number(id);
  const valid = Number.isInteger(reviewId) && reviewId > 0;
  const review = useApi(valid ? `review:${reviewId}` : null, (signal) =>
    reviewsApi.reviews.get(reviewId, signal),
  );
  const templateId = review.data?.templateId;
  const template = useApi(templateId ? `scorecard:${templateId}` : null, (signal) =>
    reviewsApi.scorecards.get(templateId!, signal),
  );
  // The lead goes through the team one by one: the other reviews of the same period, in name order.
  const period = review.data?.period;
  const team = useApi(period && can('review.rate') ? `reviews-of:${period}` : null, (signal) =>
    reviewsApi.reviews.list({ period, pageSize: 200, sort: 'employeeName', order: 'asc' }, signal),
  );
  const [edits, setEdits] = useState<Edits>({});
  const [busy, setBusy] = useState<string | null>(null);
  const [dialog, setDialog] = useState<'appeal' | 'accept' | 'reject' | null>(null);
  const bands = template.data?.bands ?? DEFAULT_GRADE_BANDS;
  const preview = useMemo(
    () => (review.data ? previewScore(review.data.items, edits, bands) : null),
    [review.data, edits, bands],
  );

  if (!valid) return <NotFound />;
  if (review.error && !review.data) return <ErrorState error={review.error} onRetry={review.reload} />;
  if (!review.data) return <PageLoading />;
  const r = review.data;
  const own = me?.employee?.id === r.employeeId;
  const editable = can('review.rate') && !own && r.status === 'draft';
  const dirty = Object.keys(edits).length > 0;
  const mayDecide = can('review.decide') && !own && r.status === 'appealed';
  const shown = dirty && preview ? preview : { score: r.score, grade: r.grade };
  const others = (team.data?.items ?? []).filter((x) => x.employeeId !== me?.employee?.id);
  const at = others.findIndex((x) => x.id === r.id);
  const neighbours = at < 0 ? {} : { previous: others[at - 1], next: others[at + 1] };

  const apply = (next: Review) => {
    review.setData(next);
    setEdits({});
  };
  const act = async (key: string, work: () => Promise<void>) => {
    setBusy(key);
    try {
      await work();
    } catch (err) {
      notice(err, review.reload);
    } finally {
      setBusy(null);
    }
  };
  const itemsToSave = () =>
    Object.entries(edits).map(([code, e]) => ({
      code,
      ...('value' in e ? { value: e.value ?? null } : {}),
      ...(e.comment !== undefined ? { comment: e.comment } : {}),
    }));
  const saveEdits = async (): Promise<Review> =>
    dirty ? reviewsApi.reviews.update(r.id, { items: itemsToSave(), version: r.version }) : r;

  const save = () =>
    act('save', async () => {
      apply(await saveEdits());
      void message.success(t('common.saved'));
    });
  const refresh = () =>
    act('refresh', async () => {
      apply(
        await reviewsApi.reviews.update(r.id, { items: itemsToSave(), refresh: true, version: r.version }),
      );
      void message.success(t('reviews.refreshed'));
    });
  const submit = () =>
    modal.confirm({
      title: t('reviews.submitTitle', { name: r.employeeName, period: r.period }),
      content: t('reviews.submitHint'),
      okText: t('reviews.submit'),
      onOk: () =>
        act('submit', async () => {
          const saved = await saveEdits();
          apply(await reviewsApi.reviews.submit(r.id, saved.version));
          void message.success(t('reviews.submitted'));
        }),
    });
  const confirm = () =>
    modal.confirm({
      title: t('reviews.confirmTitle', { period: r.period }),
      content: t('reviews.confirmHint', { score: r.score ?? '', grade: r.grade ?? '' }),
      okText: t('reviews.confirm'),
      onOk: () =>
        act('confirm', async () => {
          apply(await reviewsApi.reviews.confirm(r.id, r.version));
          void message.success(t('reviews.confirmed'));
        }),
    });

  return (
    <>
      <PageHeader
        backTo="/reviews"
        title={t('reviews.pageTitle', { name: r.employeeName, period: r.period })}
        subTitle={
          <Flex gap={8} align="center" wrap>
            <ReviewStatusTag status={r.status} />
            <span>{r.templateName}</span>
          </Flex>
        }
        extra={
          <>
            {editable && (
              <>
                <Button
                  icon={<SaveOutlined />}
                  disabled={!dirty}
                  loading={busy === 'save'}
                  onClick={() => void save()}
                >
                  {t('common.save')}
                </Button>
                <Button
                  type="primary"
                  icon={<SendOutlined />}
                  loading={busy === 'submit'}
                  onClick={submit}
                  data-testid="review-submit"
                >
                  {t('reviews.submit')}
                </Button>
                <Button icon={<ReloadOutlined />} loading={busy === 'refresh'} onClick={() => void refresh()}>
                  {t('reviews.refresh')}
                </Button>
              </>
            )}
            {own && r.status === 'rated' && (
              <>
                <Button
                  type="primary"
                  icon={<CheckOutlined />}
                  loading={busy === 'confirm'}
                  onClick={confirm}
                >
                  {t('reviews.confirm')}
                </Button>
                <Button danger icon={<ExclamationCircleOutlined />} onClick={() => setDialog('appeal')}>
                  {t('reviews.appeal')}
                </Button>
              </>
            )}
            {mayDecide && (
              <>
                <Button type="primary" onClick={() => setDialog('accept')}>
                  {t('reviews.acceptAppeal')}
                </Button>
                <Button danger onClick={() => setDialog('reject')}>
                  {t('reviews.rejectAppeal')}
                </Button>
              </>
            )}
            <Button icon={<HistoryOutlined />} onClick={() => navigate(`/reviews/history/${r.employeeId}`)}>
              {t('reviews.history')}
            </Button>
            {neighbours.previous && (
              <Button
                icon={<LeftOutlined />}
                disabled={dirty}
                title={dirty ? t('reviews.saveFirst') : undefined}
                onClick={() => navigate(`/reviews/${neighbours.previous!.id}`)}
              >
                {neighbours.previous.employeeName}
              </Button>
            )}
            {neighbours.next && (
              <Button
                disabled={dirty}
                title={dirty ? t('reviews.saveFirst') : undefined}
                onClick={() => navigate(`/reviews/${neighbours.next!.id}`)}
                data-testid="review-next"
              >
                {neighbours.next.employeeName} <RightOutlined />
              </Button>
            )}
          </>
        }
      />
      <Flex vertical gap={16} style={{ maxWidth: 960 }}>
        {own && r.status === 'rated' && <Alert type="info" showIcon title={t('reviews.ownRatedHint')} />}
        {r.appeal && (
          <Alert
            type={
              r.appeal.decision === null ? 'warning' : r.appeal.decision === 'accepted' ? 'success' : 'info'
            }
            showIcon
            title={
              r.appeal.decision === null
                ? t('reviews.appealPending')
                : t(r.appeal.decision === 'accepted' ? 'reviews.appealAccepted' : 'reviews.appealRejected', {
                    by: r.appeal.decidedBy ?? '',
                  })
            }
            description={
              <Flex vertical>
                <span>
                  {t('reviews.appealReason')}
                  {t('common.colon')}
                  {r.appeal.reason}
                </span>
                {r.appeal.note && (
                  <span>
                    {t('reviews.decisionNote')}
                    {t('common.colon')}
                    {r.appeal.note}
                  </span>
                )}
              </Flex>
            }
          />
        )}
        <Row gutter={[12, 12]}>
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic
                title={dirty && preview ? t('reviews.scorePreview') : t('reviews.score')}
                value={shown.score ?? '\u2014'}
                styles={{ content: { fontSize: 24, fontWeight: 600 } }}
                data-testid="review-score"
              />
            </Card>
          </Col>
          <Col xs={12} md={6}>
            <Card size="small">
              <Statistic
                title={t('reviews.grade')}
                value={shown.grade ?? '\u2014'}
                styles={{ content: { fontSize: 24, fontWeight: 600 } }}
                data-testid="review-grade"
              />
            </Card>
          </Col>
          <Col xs={24} md={12}>
            <Card size="small">
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('reviews.bands')}
              </Typography.Text>
              <Flex gap={6} wrap style={{ marginTop: 4 }}>
                {bands.map((b) => (
                  <span key={b.grade}>
                    <GradeTag grade={b.grade} />
                    {`≥ ${String(b.atLeast)}`}
                  </span>
                ))}
              </Flex>
            </Card>
          </Col>
        </Row>
        <Card size="small">
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 2 }}
            items={[
              {
                key: 'employee',
                label: t('pay.employee'),
                children: <Link to={`/reviews/history/${r.employeeId}`}>{r.employeeName}</Link>,
              },
              { key: 'period', label: t('reviews.period'), children: r.period },
              {
                key: 'rated',
                label: t('reviews.ratedBy'),
                children: r.ratedBy ? `${r.ratedBy} ${formatDateTime(r.ratedAt)}` : '\u2014',
              },
              {
                key: 'confirmed',
                label: t('reviews.confirmedAt'),
                children: formatDateTime(r.confirmedAt) || '\u2014',
              },
            ]}
          />
        </Card>
        {editable && <Typography.Text type="secondary">{t('reviews.rateHint')}</Typography.Text>}
        <Row gutter={[12, 12]}>
          {r.items.map((item) => (
            <Col key={item.code} xs={24} lg={12}>
              <ItemCard
                item={item}
                edits={edits}
                editable={editable}
                onEdit={(code, edit) => setEdits((e) => ({ ...e, [code]: { ...e[code], ...edit } }))}
              />
            </Col>
          ))}
        </Row>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('reviews.weightsTotal', { sum: r.items.reduce((s, i) => s + i.weight, 0) })}
        </Typography.Text>
      </Flex>
      {dialog === 'appeal' && (
        <NoteModal
          title={t('reviews.appealTitle', { period: r.period })}
          description={t('reviews.appealHint')}
          okText={t('reviews.appeal')}
          danger
          noteRequired
          onSubmit={async (reason) => {
            try {
              apply(await reviewsApi.reviews.appeal(r.id, reason, r.version));
              setDialog(null);
              void message.success(t('reviews.appealed'));
            } catch (err) {
              notice(err, review.reload);
              throw err;
            }
          }}
          onClose={() => setDialog(null)}
        />
      )}
      {(dialog === 'accept' || dialog === 'reject') && (
        <NoteModal
          title={t(dialog === 'accept' ? 'reviews.acceptTitle' : 'reviews.rejectTitle', {
            name: r.employeeName,
          })}
          description={t(dialog === 'accept' ? 'reviews.acceptHint' : 'reviews.rejectHint')}
          okText={t(dialog === 'accept' ? 'reviews.acceptAppeal' : 'reviews.rejectAppeal')}
          danger={dialog === 'reject'}
          noteRequired={dialog === 'reject'}
          onSubmit={async (note) => {
            try {
              apply(await reviewsApi.reviews.decide(r.id, { decision: dialog, note, version: r.version }));
              setDialog(null);
              void message.success(t('ledger.done'));
            } catch (err) {
              notice(err, review.reload);
              throw err;
            }
          }}
          onClose={() => setDialog(null)}
        />
      )}
    </>
  );
}
