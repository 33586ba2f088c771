import type { FastifyInstance } from 'fastify';
import {
  CreatePayPlanBody,
  CreatePayRunBody,
  IdParams,
  MyPayStatementsQuery,
  PayPlan,
  PayPlanListQuery,
  PayPlanValidation,
  PayRun,
  PayRunDetail,
  PayRunDiff,
  PayRunListQuery,
  PaySimulation,
  PayStatementDetail,
  PayStatementSummary,
  PayVersionBody,
  PayWhatIf,
  PayWhatIfBody,
  RerunPayRunBody,
  RetirePayPlanBody,
  SimulatePayBody,
  UpdatePayPlanBody,
  ValidatePayPlanBody,
  pageOf,
} from '@zuzhang/api-schema';
import type { Db } from '../../platform/db/db.ts';
import { route } from '../../platform/http/route.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { PdfUnavailableError, renderPdf } from '../job-descriptions/jd-pdf.ts';
import * as plans from './pay-plans.service.ts';
import * as runs from './pay-runs.service.ts';
import * as statements from './pay-statements.service.ts';
import * as whatIf from './pay-what-if.service.ts';
import { renderPayStatementHtml, renderPayrollXlsx } from './pay-print.ts';
import { PAY_PRINT_LABELS } from './pay-print.messages.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Pay plans, pay runs, statements (工资条) and what-if (issue 5, items 4, 6 and 7). */
export function registerPayRoutes(app: FastifyInstance, db: Db) {
  const tags = ['pay'];

  // ---- pay plans (薪资方案) ----
  route(app, db, {
    method: 'GET',
    url: '/api/v1/pay/plans',
    tags,
    permission: 'payplan.manage',
    summary:
      'Pay plans of the positions in your scope (filter positionId, status; sort effectiveFrom|name|status|createdAt)',
    query: PayPlanListQuery,
    response: pageOf(PayPlan),
    handler: ({ actor, query }) => plans.listPayPlans(db, actor, query),
  });
  route(app, db, {
    method: 'POST',
    url: '/api/v1/pay/plans',
    tags,
    permission: 'payplan.manage',
    summary:
      'Save a draft pay plan for a position (the next version number); formulas are checked when it is activated',
    body: CreatePayPlanBody,
    response: PayPlan,
    handler: ({ actor, body }) => plans.createPayPlan(db, actor, body),
  });
  route(app, db, {
    method: 'POST',
    url: '/api/v1/pay/plans/validate',
    tags,
    permission: 'payplan.manage',
    summary:
      'Check a plan definition without saving it: every problem with its field path, the position in the formula and what is allowed',
    body: ValidatePayPlanBody,
    response: PayPlanValidation,
    successStatus: 200,
    handler: async ({ actor, body, locale }) => plans.checkPayPlan(actor, body.definition, locale),
  });
  route(app, db, {
    method: 'GET',
    url: '/api/v1/pay/plans/:id',
    tags,
    permission: 'payplan.manage',
    summary: 'One pay plan with its definition',
    params: IdParams,
    response: PayPlan,
    handler: ({ actor, params }) => plans.getPayPlan(db, actor, params.id),
  });
  route(app, db, {
    method: 'PATCH',
    url: '/api/v1/pay/plans/:id',
    tags,
    permission: 'payplan.manage',
    summary: 'Change a draft pay plan (version check); active and retired plans never change',
    params: IdParams,
    body: UpdatePayPlanBody,
    response: PayPlan,
    handler: ({ actor, params, body }) => plans.updatePayPlan(db, actor, params.id, body),
  });
  route(app, db, {
    method: 'DELETE',
    url: '/api/v1/pay/plans/:id',
    tags,
    permission: 'payplan.manage',
    summary: 'Delete a draft pay plan',
    params: IdParams,
    handler: ({ actor, params }) => plans.deletePayPlan(db, actor, params.id),
  });
  route(app, db, {
    method: 'POST',
    url: '/api/v1/pay/plans/:id/activate',
    tags,
    permission: 'payplan.manage',
    summary:
      'Activate a draft: 400 naming each formula problem (component, position, what is allowed); 422 when its dates overlap another version of the position; nothing saved then',
    params: IdParams,
    body: PayVersionBody,
    response: PayPlan,
    successStatus: 200,
    handler: ({ actor, params, body, locale }) =>
      plans.activatePayPlan(db, actor, params.id, body.version, locale),
  });
  route(app, db, {
    method: 'POST',
    url: '/api/v1/pay/plans/:id/retire',
    tags,
    permission: 'payplan.manage',
    summary: 'Retire an active plan: it pays the months up to effectiveTo and none after',
    params: IdParams,
    body: RetirePayPlanBody,
    response: PayPlan,
    successStatus: 200,
    handler: ({ actor, params, body }) => plans.retirePayPlan(db, actor, params.id, body),
  });

  // ---- pay runs (工资核算) ----
  route(app, db, {
    method: 'GET',
    url: '/api/v1/pay/runs',
    tags,
    permission: 'payroll.read',
    summary: 'Pay runs you may see (filter period, status; sort computedAt|period|totalFen|status)',
    query: PayRunListQuery,
    response: pageOf(PayRun),
    handler: ({ actor, query }) => runs.listPayRuns(db, actor, query),
  });
  route(app, db, {
    method: 'POST',
    url: '/api/v1/pay/runs',
    tags,
    permission: 'payrun.manage',
    summary:
      'Compute the pay of a month for everyone in scope (or in unitId and below) whose primary position has a plan in force; 409 when the month already has a run (re-run it)',
    body: CreatePayRunBody,
    response: PayRunDetail,
    handler: ({ actor, body, locale }) => runs.createPayRun(db, actor, body, locale),
  });
  route(app, db, {
    method: 'GET',
    url: '/api/v1/pay/runs/:id',
    tags,
    permission: 'payroll.read',
    summary: 'One pay run with its statements (people in your scope); the total is the sum of the statements',
    params: IdParams,
    response: PayRunDetail,
    handler: ({ actor, params }) => runs.getPayRun(db, actor, params.id),
  });
  route(app, db, {
    method: 'POST',
    url: '/api/v1/pay/runs/:id/approve',
    tags,
    permission: 'payrun.approve',
    summary: 'Approve a computed run (not one you computed yourself)',
    params: IdParams,
    body: PayVersionBody,
    response: PayRunDetail,
    successStatus: 200,
    handler: ({ actor, params, body }) => runs.approvePayRun(db, actor, params.id, body.version),
  });
  route(app, db, {
    method: 'POST',
    url: '/api/v1/pay/runs/:id/lock',
    tags,
    permission: 'payrun.manage',
    summary: 'Lock an approved run: it never changes again (any write answers 422 naming it)',
    params: IdParams,
    body: PayVersionBody,
    response: PayRunDetail,
    successStatus: 200,
    handler: ({ actor, params, body }) => runs.lockPayRun(db, actor, params.id, body.version),
  });
  route(app, db, {
    method: 'POST',
    url: '/api/v1/pay/runs/:id/rerun',
    tags,
    permission: 'payrun.manage',
    summary:
      'Re-run after late data: a new run for the same month and people pointing at this one (see /diff); a run not yet locked is superseded',
    params: IdParams,
    body: RerunPayRunBody,
    response: PayRunDetail,
    handler: ({ actor, params, body, locale }) => runs.rerunPayRun(db, actor, params.id, body, locale),
  });
  route(app, db, {
    method: 'GET',
    url: '/api/v1/pay/runs/:id/diff',
    tags,
    permission: 'payroll.read',
    summary: 'A re-run against the run it replaced: person by person, line by line, old and new amounts',
    params: IdParams,
    response: PayRunDiff,
    handler: ({ actor, params }) => runs.diffPayRun(db, actor, params.id),
  });
  route(app, db, {
    method: 'GET',
    url: '/api/v1/pay/runs/:id/export.xlsx',
    tags,
    permission: 'payroll.read',
    summary:
      'The run for the payroll system: one row per person, one column per component, the total (?lang=en-US)',
    params: IdParams,
    produces: XLSX,
    handler: async ({ actor, params, locale, reply }) => {
      const { run, rows } = await runs.loadRunForExport(db, actor, params.id);
      const xlsx = await renderPayrollXlsx(run, rows, locale);
      const name = encodeURIComponent(`${PAY_PRINT_LABELS[locale].sheet}-${run.period}-${run.id}.xlsx`);
      return reply
        .type(XLSX)
        .header(
          'content-disposition',
          `attachment; filename="payroll-${run.id}.xlsx"; filename*=UTF-8''${name}`,
        )
        .send(xlsx);
    },
  });

  // ---- statements (工资条) ----
  route(app, db, {
    method: 'GET',
    url: '/api/v1/pay/statements/mine',
    tags,
    summary: 'Your own pay statements of approved and locked runs, newest month first (filter period)',
    query: MyPayStatementsQuery,
    response: pageOf(PayStatementSummary),
    handler: ({ actor, query }) => statements.listMyStatements(db, actor, query),
  });
  route(app, db, {
    method: 'GET',
    url: '/api/v1/pay/statements/:id',
    tags,
    summary:
      'One pay statement: every line with its rule, inputs and sources, formula and explanation; yours, or in scope with payroll.read',
    params: IdParams,
    response: PayStatementDetail,
    handler: ({ actor, params }) => statements.getPayStatement(db, actor, params.id),
  });
  route(app, db, {
    method: 'GET',
    url: '/api/v1/pay/statements/:id/pdf',
    tags,
    summary: 'The pay slip (工资条) as an A4 PDF (needs Chromium on the server); ?lang=en-US',
    params: IdParams,
    produces: 'application/pdf',
    handler: async ({ actor, params, locale, reply }) => {
      const s = await statements.getPayStatement(db, actor, params.id);
      try {
        const pdf = await renderPdf(renderPayStatementHtml(s, locale));
        const name = encodeURIComponent(
          `${PAY_PRINT_LABELS[locale].title}-${s.employeeName}-${s.period}.pdf`,
        );
        return reply
          .type('application/pdf')
          .header('content-disposition', `attachment; filename="pay-${s.id}.pdf"; filename*=UTF-8''${name}`)
          .send(pdf);
      } catch (error) {
        if (error instanceof PdfUnavailableError) throw new AppError('unavailable', 'errors.pdfUnavailable');
        throw error;
      }
    },
  });

  // ---- what-if (模拟测算) ----
  route(app, db, {
    method: 'POST',
    url: '/api/v1/pay/simulate',
    tags,
    permission: 'payplan.manage',
    summary:
      'Statements a plan would produce from the figures given per person and month; nothing is saved (payplan.manage or payroll.read)',
    body: SimulatePayBody,
    response: PaySimulation,
    successStatus: 200,
    handler: async ({ actor, body, locale }) => whatIf.simulatePayPlan(actor, body, locale),
  });
  route(app, db, {
    method: 'POST',
    url: '/api/v1/pay/what-if',
    tags,
    permission: 'payplan.manage',
    summary:
      'A draft plan (planId, or definition + positionId) over past months on the real figures, next to the plan in force: each person and the total cost; nothing is saved',
    body: PayWhatIfBody,
    response: PayWhatIf,
    successStatus: 200,
    handler: ({ actor, body, locale }) => whatIf.runWhatIf(db, actor, body, locale),
  });
}
