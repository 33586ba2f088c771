import type {
  CloseReviewCycleBody,
  CloseReviewCycleResult,
  CreateReviewCycleBody,
  CreateScorecardBody,
  DecideReviewAppealBody,
  KpiDefinition,
  Review,
  ReviewCycleResult,
  ReviewListQuery,
  ReviewSummary,
  ScorecardListQuery,
  ScorecardTemplate,
  UpdateReviewBody,
  UpdateScorecardBody,
} from '@zuzhang/api-schema';
import { http, type Page } from '../../app/api-client.ts';

type Sent<T> = { [K in keyof T]?: T[K] };
const id = (n: number) => encodeURIComponent(String(n));
const q = <T extends object>(query: T) => query as Record<string, string | number | undefined>;

/** Scorecard templates (考核表) and performance reviews (绩效考核). */
export const reviewsApi = {
  scorecards: {
    library: (signal?: AbortSignal) =>
      http.get<KpiDefinition[]>('/api/v1/scorecards/library', undefined, signal),
    list: (query: Sent<ScorecardListQuery>, signal?: AbortSignal) =>
      http.get<Page<ScorecardTemplate>>('/api/v1/scorecards', q(query), signal),
    get: (templateId: number, signal?: AbortSignal) =>
      http.get<ScorecardTemplate>(`/api/v1/scorecards/${id(templateId)}`, undefined, signal),
    create: (body: CreateScorecardBody) => http.post<ScorecardTemplate>('/api/v1/scorecards', body),
    update: (templateId: number, body: Sent<UpdateScorecardBody> & { version: number }) =>
      http.patch<ScorecardTemplate>(`/api/v1/scorecards/${id(templateId)}`, body),
    remove: (templateId: number) => http.del<unknown>(`/api/v1/scorecards/${id(templateId)}`),
  },
  reviews: {
    list: (query: Sent<ReviewListQuery>, signal?: AbortSignal) =>
      http.get<Page<ReviewSummary>>('/api/v1/reviews', q(query), signal),
    get: (reviewId: number, signal?: AbortSignal) =>
      http.get<Review>(`/api/v1/reviews/${id(reviewId)}`, undefined, signal),
    history: (employeeId: number, query: { page?: number; pageSize?: number }, signal?: AbortSignal) =>
      http.get<Page<ReviewSummary>>(`/api/v1/employees/${id(employeeId)}/reviews`, q(query), signal),
    createCycle: (body: CreateReviewCycleBody) =>
      http.post<ReviewCycleResult>('/api/v1/reviews/cycles', body),
    closeCycle: (body: CloseReviewCycleBody) =>
      http.post<CloseReviewCycleResult>('/api/v1/reviews/cycles/close', body),
    update: (reviewId: number, body: Sent<UpdateReviewBody> & { version: number }) =>
      http.patch<Review>(`/api/v1/reviews/${id(reviewId)}`, body),
    submit: (reviewId: number, version: number) =>
      http.post<Review>(`/api/v1/reviews/${id(reviewId)}/submit`, { version }),
    confirm: (reviewId: number, version: number) =>
      http.post<Review>(`/api/v1/reviews/${id(reviewId)}/confirm`, { version }),
    appeal: (reviewId: number, reason: string, version: number) =>
      http.post<Review>(`/api/v1/reviews/${id(reviewId)}/appeal`, { reason, version }),
    decide: (reviewId: number, body: Sent<DecideReviewAppealBody> & { version: number }) =>
      http.post<Review>(`/api/v1/reviews/${id(reviewId)}/decide`, body),
  },
};
