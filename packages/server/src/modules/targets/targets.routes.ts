import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  AcknowledgementStatus,
  CreateMarketSizeBody,
  CreatePlanBody,
  IdParams,
  LetterQuery,
  MarketSize,
  MarketSizeListQuery,
  MyTargets,
  PlanListQuery,
  PlanVersion,
  PlanVersionBody,
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
  UpdateMarketSizeBody,
  UpdatePlanBody,
  pageOf,
} from '@zuzhang/api-schema';
import type { Db } from '../../platform/db/db.ts';
import { route } from '../../platform/http/route.ts';
import * as plansSvc from './plans.service.ts';
import * as splitSvc from './split.service.ts';
import * as acksSvc from './acknowledgements.service.ts';
import * as marketSvc from './market-sizes.service.ts';

/** Sales targets (issue 4): plans, splitting, publishing and re-plans, the commitment letter, market sizes. */
export function registerTargetRoutes(app: FastifyInstance, db: Db) {
  const tags = ['targets'];

  // ---- plans ----
  route(app, db, {
    method: 'GET',
    url: '/api/v1/targets/plans',
    tags,
    permission: 'target.read',
    summary:
      'Target plans you may see (filter fiscalYear, metric, status; sort fiscalYear|createdAt|name|versionNo); drafts only for planners',
    query: PlanListQuery,
    response: pageOf(TargetPlan),
    handler: ({ actor, query }) => plansSvc.listPlans(db, actor, query),
  });
  route(app, db, {
    method: 'POST',
    url: '/api/v1/targets/plans',
    tags,
    permission: 'target.plan',
    summary:
      "Create a draft plan for a fiscal year and metric with the company's target (company scope); category_sales needs a category products have",
    body: CreatePlanBody,
    response: TargetPlanDetail,
    handler: ({ actor, body }) => plansSvc.createPlan(db, actor, body),
  });
  route(app, db, {
    method: 'GET',
    url: '/api/v1/targets/plans/:id',
    tags,
    permission: 'target.read',
    summary: 'A plan and the lines you may see, parents before children, each with its children sum and gap',
    params: IdParams,
    response: TargetPlanDetail,
    handler: ({ actor, params }) => plansSvc.getPlan(db, actor, params.id),
  });
  route(app, db, {
    method: 'PATCH',
    url: '/api/v1/targets/plans/:id',
    tags,
    permission: 'target.plan',
    summary: 'Rename a draft or allow an unallocated remainder (version check)',
    params: IdParams,
    body: UpdatePlanBody,
    response: TargetPlanDetail,
    handler: ({ actor, params, body }) => plansSvc.updatePlan(db, actor, params.id, body),
  });
  route(app, db, {
    method: 'DELETE',
    url: '/api/v1/targets/plans/:id',
    tags,
    permission: 'target.plan',
    summary: 'Delete a draft plan (published and superseded versions are history)',
    params: IdParams,
    handler: ({ actor, params }) => plansSvc.deletePlan(db, actor, params.id),
  });
  route(app, db, {
    method: 'POST',
    url: '/api/v1/targets/plans/:id/publish',
    tags,
    permission: 'target.plan',
    summary:
      'Publish a draft: every split must add up (422 lists the lines) unless the plan allows an unallocated remainder; ' +
      'a revision changing locked periods needs target.override; the previous version is superseded',
    params: IdParams,
    body: PlanVersionBody,
    response: TargetPlanDetail,
    successStatus: 200,
    handler: ({ actor, params, body }) => plansSvc.publishPlan(db, actor, params.id, body.version),
  });
  route(app, db, {
    method: 'POST',
    url: '/api/v1/targets/plans/:id/revise',
    tags,
    permission: 'target.plan',
    summary: 'Re-plan: copy the published plan into a new draft version with a reason',
    params: IdParams,
    body: RevisePlanBody,
    response: TargetPlanDetail,
    handler: ({ actor, params, body }) => plansSvc.revisePlan(db, actor, params.id, body),
  });
  route(app, db, {
    method: 'GET',
    url: '/api/v1/targets/plans/:id/versions',
    tags,
    permission: 'target.read',
    summary: "Every version of the plan's year and metric, oldest first, with the reason for each re-plan",
    params: IdParams,
    response: z.array(PlanVersion),
    handler: ({ actor, params }) => plansSvc.listPlanVersions(db, actor, params.id),
  });

  // ---- splitting (分解) ----
  route(app, db, {
    method: 'POST',
    url: '/api/v1/targets/split',
    tags,
    permission: 'target.read',
    summary:
      'Preview a split without saving: total (or its tiers), method equal|weights|history|headcount|manual and its inputs; ' +
      'parts add up to the fen (a split by hand shows its gap); bad input names the field',
    body: SplitPreviewBody,
    response: SplitPreview,
    successStatus: 200,
    handler: async ({ actor, body }) => splitSvc.previewSplit(actor, body),
  });
  route(app, db, {
    method: 'POST',
    url: '/api/v1/targets/lines/:id/split',
    tags,
    // Who may split depends on the plan's state (split.service.ts checkSplitRights): target.read is the gate.
    permission: 'target.read',
    summary:
      "Split a line and save its children (replacing the ones it had): by period (same owner) or by owner (units below, a team's people). " +
      'In a draft: target.plan (a line of an ended period also target.override). ' +
      "In a published plan: only a person's or team's month into weeks, with target.assign and the team in scope " +
      '(a lead; target.plan is not needed), never for an ended month nor changing an ended week',
    params: IdParams,
    body: SplitLineBody,
    response: SplitLineResult,
    successStatus: 200,
    handler: ({ actor, params, body }) => splitSvc.splitLine(db, actor, params.id, body),
  });
  route(app, db, {
    method: 'PATCH',
    url: '/api/v1/targets/lines/:id',
    tags,
    permission: 'target.plan',
    summary: 'Amounts of a draft line by hand (target, stretch, challenge, note; version check)',
    params: IdParams,
    body: UpdateLineBody,
    response: TargetLine,
    handler: ({ actor, params, body }) => splitSvc.updateLine(db, actor, params.id, body),
  });

  // ---- assign and acknowledge (承诺书) ----
  route(app, db, {
    method: 'GET',
    url: '/api/v1/targets/mine',
    tags,
    permission: 'target.read',
    summary: 'Your own targets in published plans, and whether you signed each plan’s commitment letter',
    response: MyTargets,
    handler: ({ actor }) => acksSvc.listMyTargets(db, actor),
  });
  route(app, db, {
    method: 'POST',
    url: '/api/v1/targets/plans/:id/acknowledge',
    tags,
    permission: 'target.read',
    summary: 'Sign the commitment letter (承诺书) of a published plan you have targets in; once only',
    params: IdParams,
    response: TargetAcknowledgement,
    handler: ({ actor, params }) => acksSvc.acknowledgePlan(db, actor, params.id),
  });
  route(app, db, {
    method: 'GET',
    url: '/api/v1/targets/plans/:id/acknowledgements',
    tags,
    permission: 'target.read',
    summary: 'Who in your scope with targets in the plan has signed the commitment letter, and who has not',
    params: IdParams,
    response: AcknowledgementStatus,
    handler: ({ actor, params }) => acksSvc.listAcknowledgements(db, actor, params.id),
  });
  route(app, db, {
    method: 'GET',
    url: '/api/v1/targets/plans/:id/letter',
    tags,
    permission: 'target.read',
    summary:
      "A4 print view (HTML) of a person's commitment letter (?employeeId=, default yours; ?lang=en-US for English labels)",
    params: IdParams,
    query: LetterQuery,
    produces: 'text/html',
    handler: async ({ actor, params, query, locale, reply }) => {
      const html = await acksSvc.renderLetter(db, actor, params.id, query, locale);
      return reply.type('text/html; charset=utf-8').send(html);
    },
  });

  // ---- market sizes (市场容量) ----
  route(app, db, {
    method: 'GET',
    url: '/api/v1/market-sizes',
    tags,
    permission: 'target.read',
    summary: 'Market sizes per year, region and category (filter year, region, category)',
    query: MarketSizeListQuery,
    response: pageOf(MarketSize),
    handler: ({ actor, query }) => marketSvc.listMarketSizes(db, actor, query),
  });
  route(app, db, {
    method: 'POST',
    url: '/api/v1/market-sizes',
    tags,
    permission: 'market.manage',
    summary: 'Enter a market size (fen) and outlet count for a year, region and category (unique)',
    body: CreateMarketSizeBody,
    response: MarketSize,
    handler: ({ actor, body }) => marketSvc.createMarketSize(db, actor, body),
  });
  route(app, db, {
    method: 'PATCH',
    url: '/api/v1/market-sizes/:id',
    tags,
    permission: 'market.manage',
    summary: 'Change a market size (version check)',
    params: IdParams,
    body: UpdateMarketSizeBody,
    response: MarketSize,
    handler: ({ actor, params, body }) => marketSvc.updateMarketSize(db, actor, params.id, body),
  });
  route(app, db, {
    method: 'DELETE',
    url: '/api/v1/market-sizes/:id',
    tags,
    permission: 'market.manage',
    summary: 'Delete a market size',
    params: IdParams,
    handler: ({ actor, params }) => marketSvc.deleteMarketSize(db, actor, params.id),
  });
}
