import type {
  DashboardQuery,
  ExecutionSheetQuery,
  Locale,
  OverviewDashboard,
  ProgressQuery,
  ProgressReport,
  Rankings,
  RankingsQuery,
  TeamDashboard,
} from '@zuzhang/api-schema';
import { buildUrl, downloadFile, http, type Query } from '../../app/api-client.ts';

/** A query as sent: every field optional, the server fills the defaults. */
type Sent<T> = { [K in keyof T]?: T[K] };
const q = (query: object): Query => ({ ...(query as Query) });

/** Progress against targets, rankings, execution sheets and the lead's and manager's dashboards (issue 4). */
export const dashboardsApi = {
  progress: (query: Sent<ProgressQuery>, signal?: AbortSignal) =>
    http.get<ProgressReport>('/api/v1/progress', q(query), signal),
  rankings: (query: Sent<RankingsQuery>, signal?: AbortSignal) =>
    http.get<Rankings>('/api/v1/progress/rankings', q(query), signal),
  downloadExecutionSheet: (query: Sent<ExecutionSheetQuery> & { lang: Locale }, fallbackName: string) =>
    downloadFile(buildUrl('/api/v1/progress/execution-sheet', q(query)), fallbackName),
  team: (query: Sent<DashboardQuery>, signal?: AbortSignal) =>
    http.get<TeamDashboard>('/api/v1/dashboards/team', q(query), signal),
  overview: (query: Sent<DashboardQuery>, signal?: AbortSignal) =>
    http.get<OverviewDashboard>('/api/v1/dashboards/overview', q(query), signal),
};
