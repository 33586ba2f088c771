import type {
  CreatePayPlanBody,
  CreatePayRunBody,
  Locale,
  MyPayStatementsQuery,
  PayPlan,
  PayPlanDefinition,
  PayPlanListQuery,
  PayPlanValidation,
  PayRun,
  PayRunDetail,
  PayRunDiff,
  PayRunListQuery,
  PayStatementDetail,
  PayStatementSummary,
  PayWhatIf,
  PayWhatIfBody,
  RerunPayRunBody,
  UpdatePayPlanBody,
} from '@zuzhang/api-schema';
import { buildUrl, downloadFile, http, type Page } from '../../app/api-client.ts';

/** A list query as sent: every field optional, the server fills the defaults. */
type Sent<T> = { [K in keyof T]?: T[K] };
const id = (n: number) => encodeURIComponent(String(n));
const q = <T extends object>(query: T) => query as Record<string, string | number | undefined>;

/** The pay endpoints (/api/v1/pay): plans, runs, statements and what-if. */
export const payApi = {
  plans: {
    list: (query: Sent<PayPlanListQuery>, signal?: AbortSignal) =>
      http.get<Page<PayPlan>>('/api/v1/pay/plans', q(query), signal),
    get: (planId: number, signal?: AbortSignal) =>
      http.get<PayPlan>(`/api/v1/pay/plans/${id(planId)}`, undefined, signal),
    create: (body: CreatePayPlanBody) => http.post<PayPlan>('/api/v1/pay/plans', body),
    update: (planId: number, body: UpdatePayPlanBody) =>
      http.patch<PayPlan>(`/api/v1/pay/plans/${id(planId)}`, body),
    remove: (planId: number) => http.del<unknown>(`/api/v1/pay/plans/${id(planId)}`),
    activate: (planId: number, version: number) =>
      http.post<PayPlan>(`/api/v1/pay/plans/${id(planId)}/activate`, { version }),
    retire: (planId: number, version: number, effectiveTo: string) =>
      http.post<PayPlan>(`/api/v1/pay/plans/${id(planId)}/retire`, { version, effectiveTo }),
    validate: (definition: PayPlanDefinition, signal?: AbortSignal) =>
      http.postWith<PayPlanValidation>('/api/v1/pay/plans/validate', { definition }, signal),
  },
  runs: {
    list: (query: Sent<PayRunListQuery>, signal?: AbortSignal) =>
      http.get<Page<PayRun>>('/api/v1/pay/runs', q(query), signal),
    get: (runId: number, signal?: AbortSignal) =>
      http.get<PayRunDetail>(`/api/v1/pay/runs/${id(runId)}`, undefined, signal),
    compute: (body: CreatePayRunBody) => http.post<PayRunDetail>('/api/v1/pay/runs', body),
    approve: (runId: number, version: number) =>
      http.post<PayRun>(`/api/v1/pay/runs/${id(runId)}/approve`, { version }),
    lock: (runId: number, version: number) =>
      http.post<PayRun>(`/api/v1/pay/runs/${id(runId)}/lock`, { version }),
    rerun: (runId: number, body: RerunPayRunBody = {}) =>
      http.post<PayRunDetail>(`/api/v1/pay/runs/${id(runId)}/rerun`, body),
    diff: (runId: number, signal?: AbortSignal) =>
      http.get<PayRunDiff>(`/api/v1/pay/runs/${id(runId)}/diff`, undefined, signal),
    downloadXlsx: (runId: number, locale: Locale, fallbackName: string) =>
      downloadFile(buildUrl(`/api/v1/pay/runs/${id(runId)}/export.xlsx`, { lang: locale }), fallbackName),
  },
  statements: {
    mine: (query: Sent<MyPayStatementsQuery>, signal?: AbortSignal) =>
      http.get<Page<PayStatementSummary>>('/api/v1/pay/statements/mine', q(query), signal),
    get: (statementId: number, signal?: AbortSignal) =>
      http.get<PayStatementDetail>(`/api/v1/pay/statements/${id(statementId)}`, undefined, signal),
    downloadPdf: (statementId: number, locale: Locale, fallbackName: string) =>
      downloadFile(buildUrl(`/api/v1/pay/statements/${id(statementId)}/pdf`, { lang: locale }), fallbackName),
  },
  whatIf: (body: PayWhatIfBody) => http.post<PayWhatIf>('/api/v1/pay/what-if', body),
};
