import type { FastifyInstance } from 'fastify';
import {
  DashboardQuery,
  ExecutionSheetQuery,
  MarketAnalysis,
  MarketAnalysisQuery,
  OverviewDashboard,
  ProductAnalysis,
  ProductAnalysisQuery,
  ProgressQuery,
  ProgressReport,
  Rankings,
  RankingsQuery,
  TeamDashboard,
} from '@zuzhang/api-schema';
import type { Db } from '../../platform/db/db.ts';
import { route } from '../../platform/http/route.ts';
import { getProgress, getRankings } from './progress.service.ts';
import { getOverviewDashboard, getTeamDashboard } from './dashboards.service.ts';
import { analyseMarket, analyseProducts } from './analysis.service.ts';
import { buildExecutionSheet, exportExecutionSheetXlsx } from './execution-sheet.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Progress, rankings, execution sheets, dashboards and product / market analysis (issue 4 items 5–7). */
export function registerProgressRoutes(app: FastifyInstance, db: Db) {
  const tags = ['progress'];
  route(app, db, {
    method: 'GET',
    url: '/api/v1/progress',
    tags,
    permission: 'target.read',
    summary:
      'Target, actual, attainment, run-rate projection, gap, days left, pace and rank per person (level=person), ' +
      'per unit below unitId (level=team) or for the company (level=company) in a period (default this month)',
    query: ProgressQuery,
    response: ProgressReport,
    handler: ({ actor, query }) => getProgress(db, actor, query),
  });
  route(app, db, {
    method: 'GET',
    url: '/api/v1/progress/rankings',
    tags,
    permission: 'target.read',
    summary: '个人 / 团队排行榜: people (by=person) or teams (by=team) ranked by attainment or actual',
    query: RankingsQuery,
    response: Rankings,
    handler: ({ actor, query }) => getRankings(db, actor, query),
  });
  route(app, db, {
    method: 'GET',
    url: '/api/v1/progress/execution-sheet',
    tags,
    permission: 'target.read',
    summary:
      '年度 / 季度 / 月度计划执行表 as an Excel workbook: per team and person, each period’s target, actual and ' +
      'attainment, with subtotals, totals and a year column (?lang=en-US for English headings)',
    query: ExecutionSheetQuery,
    produces: XLSX,
    handler: async ({ actor, query, locale, reply }) => {
      const sheet = await buildExecutionSheet(db, actor, query);
      const xlsx = await exportExecutionSheetXlsx(sheet, locale);
      return reply
        .type(XLSX)
        .header(
          'content-disposition',
          `attachment; filename="execution-sheet-${sheet.fiscalYear}-${sheet.grain}-${sheet.metric}.xlsx"`,
        )
        .send(xlsx);
    },
  });
  route(app, db, {
    method: 'GET',
    url: '/api/v1/dashboards/team',
    tags,
    permission: 'target.read',
    summary:
      "The team lead's dashboard: this week and month per member, who is behind, follow-ups due today, " +
      'overdue receivables, new hires, and the month’s cumulative line (default: your own team)',
    query: DashboardQuery,
    response: TeamDashboard,
    handler: ({ actor, query }) => getTeamDashboard(db, actor, query),
  });
  route(app, db, {
    method: 'GET',
    url: '/api/v1/dashboards/overview',
    tags,
    permission: 'target.read',
    summary:
      "The manager's and VP's overview: the same figures per unit below unitId (a team: per person) with " +
      'totals; drill down with a row’s id',
    query: DashboardQuery,
    response: OverviewDashboard,
    handler: ({ actor, query }) => getOverviewDashboard(db, actor, query),
  });
  route(app, db, {
    method: 'GET',
    url: '/api/v1/analysis/products',
    tags,
    permission: 'target.read',
    summary:
      '畅销 / 滞销: best sellers and slow movers by sales velocity with the change on the previous period ' +
      '(company scope)',
    query: ProductAnalysisQuery,
    response: ProductAnalysis,
    handler: ({ actor, query }) => analyseProducts(db, actor, query),
  });
  route(app, db, {
    method: 'GET',
    url: '/api/v1/analysis/market',
    tags,
    permission: 'target.read',
    summary:
      '市场占有率 / 覆盖率 per region and category against the market sizes entered for the year (company scope)',
    query: MarketAnalysisQuery,
    response: MarketAnalysis,
    handler: ({ actor, query }) => analyseMarket(db, actor, query),
  });
}
