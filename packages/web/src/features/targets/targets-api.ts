import type {
  AcknowledgementStatus,
  CreatePlanBody,
  Locale,
  MyTargets,
  PlanListQuery,
  PlanVersion,
  RevisePlanBody,
  SplitLineBody,
  SplitLineResult,
  SplitPreview,
  SplitPreviewBody,
  TargetAcknowledgement,
  TargetLine,
  TargetPlan,
  TargetPlanDetail,
  UpdateLineBody,
  UpdatePlanBody,
} from '@zuzhang/api-schema';
import { buildUrl, http, type Page, type Query } from '../../app/api-client.ts';

/** A query as sent: every field optional, the server fills the defaults. */
type Sent<T> = { [K in keyof T]?: T[K] };
const id = (n: number) => encodeURIComponent(String(n));

/** Sales targets (issue 4): plans, lines and splits, my targets and the 承诺书. */
export const targetsApi = {
  plans: (query: Sent<PlanListQuery>, signal?: AbortSignal) =>
    http.get<Page<TargetPlan>>('/api/v1/targets/plans', { ...query } as Query, signal),
  plan: (planId: number, signal?: AbortSignal) =>
    http.get<TargetPlanDetail>(`/api/v1/targets/plans/${id(planId)}`, undefined, signal),
  createPlan: (body: CreatePlanBody) => http.post<TargetPlanDetail>('/api/v1/targets/plans', body),
  updatePlan: (planId: number, body: UpdatePlanBody) =>
    http.patch<TargetPlanDetail>(`/api/v1/targets/plans/${id(planId)}`, body),
  deletePlan: (planId: number) => http.del<unknown>(`/api/v1/targets/plans/${id(planId)}`),
  publish: (planId: number, version: number) =>
    http.post<TargetPlanDetail>(`/api/v1/targets/plans/${id(planId)}/publish`, { version }),
  revise: (planId: number, body: RevisePlanBody) =>
    http.post<TargetPlanDetail>(`/api/v1/targets/plans/${id(planId)}/revise`, body),
  versions: (planId: number, signal?: AbortSignal) =>
    http.get<PlanVersion[]>(`/api/v1/targets/plans/${id(planId)}/versions`, undefined, signal),
  /** Nothing is saved: the web calls it as the user types. */
  previewSplit: (body: SplitPreviewBody) => http.post<SplitPreview>('/api/v1/targets/split', body),
  splitLine: (lineId: number, body: SplitLineBody) =>
    http.post<SplitLineResult>(`/api/v1/targets/lines/${id(lineId)}/split`, body),
  updateLine: (lineId: number, body: UpdateLineBody) =>
    http.patch<TargetLine>(`/api/v1/targets/lines/${id(lineId)}`, body),
  mine: (signal?: AbortSignal) => http.get<MyTargets>('/api/v1/targets/mine', undefined, signal),
  acknowledge: (planId: number) =>
    http.post<TargetAcknowledgement>(`/api/v1/targets/plans/${id(planId)}/acknowledge`),
  acknowledgements: (planId: number, signal?: AbortSignal) =>
    http.get<AcknowledgementStatus>(
      `/api/v1/targets/plans/${id(planId)}/acknowledgements`,
      undefined,
      signal,
    ),
  // A new tab sends the browser's own Accept-Language, so the UI language goes in the URL.
  letterUrl: (planId: number, locale: Locale, employeeId?: number) =>
    buildUrl(`/api/v1/targets/plans/${id(planId)}/letter`, { lang: locale, employeeId }),
};
