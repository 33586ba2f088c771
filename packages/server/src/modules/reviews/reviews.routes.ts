import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  AppealBody,
  AttendanceImportBody,
  AttendanceImportResult,
  AttendanceListQuery,
  AttendanceRecord,
  AttendanceSummaryQuery,
  AttendanceSummaryRow,
  CalendarDayParams,
  CalendarQuery,
  CalendarYear,
  CloseReviewCycleBody,
  CloseReviewCycleResult,
  CreateIncidentBody,
  CreateReviewCycleBody,
  CreateScorecardBody,
  DecideIncidentBody,
  DecideReviewAppealBody,
  IdParams,
  Incident,
  IncidentListQuery,
  KpiDefinition,
  LoadCalendarBody,
  PageQuery,
  PutAttendanceBody,
  PutCalendarDayBody,
  Review,
  ReviewCycleResult,
  ReviewListQuery,
  ReviewSummary,
  ReviewVersionBody,
  ScorecardListQuery,
  ScorecardTemplate,
  UpdateReviewBody,
  UpdateScorecardBody,
  pageOf,
} from '@zuzhang/api-schema';
import type { Db } from '../../platform/db/db.ts';
import { route } from '../../platform/http/route.ts';
import { IMPORT_BODY_LIMIT } from '../../platform/import/sheet-import.ts';
import * as calendarSvc from './calendar.service.ts';
import * as attendanceSvc from './attendance.service.ts';
import { importAttendance } from './attendance-import.ts';
import * as scorecardSvc from './scorecards.service.ts';
import * as reviewSvc from './reviews.service.ts';
import * as incidentSvc from './incidents.service.ts';

/** Calendar, attendance, scorecards, reviews and incidents (issue 5 items 1–3 and 5). */
export function registerReviewRoutes(app: FastifyInstance, db: Db) {
  registerCalendarRoutes(app, db);
  registerAttendanceRoutes(app, db);
  registerScorecardRoutes(app, db);
  registerReviewCycleRoutes(app, db);
  registerIncidentRoutes(app, db);
}

function registerCalendarRoutes(app: FastifyInstance, db: Db) {
  const tags = ['calendar'];
  route(app, db, {
    method: 'GET',
    url: '/api/v1/calendar',
    tags,
    summary:
      "The company's working-day calendar for ?year=: holidays and make-up working days, working days per month (null for a year without data)",
    query: CalendarQuery,
    response: CalendarYear,
    handler: ({ actor, query }) => calendarSvc.getCalendarYear(db, actor, query.year),
  });
  route(app, db, {
    method: 'PUT',
    url: '/api/v1/calendar/days/:day',
    tags,
    permission: 'attendance.manage',
    summary: 'Enter or change one day: holiday (a day off) or workday (a weekend day worked, 调休上班)',
    params: CalendarDayParams,
    body: PutCalendarDayBody,
    response: CalendarYear,
    handler: ({ actor, params, body }) => calendarSvc.putCalendarDay(db, actor, params.day, body),
  });
  route(app, db, {
    method: 'DELETE',
    url: '/api/v1/calendar/days/:day',
    tags,
    permission: 'attendance.manage',
    summary: "Remove a day's entry: it follows the week again (Monday–Friday work)",
    params: CalendarDayParams,
    handler: ({ actor, params }) => calendarSvc.deleteCalendarDay(db, actor, params.day),
  });
  route(app, db, {
    method: 'POST',
    url: '/api/v1/calendar/load',
    tags,
    permission: 'attendance.manage',
    summary:
      'Fill a year from the chinese-days data (public holidays and make-up working days); days you entered that it does not list are kept. A year it has no data for is a 422',
    body: LoadCalendarBody,
    response: CalendarYear,
    successStatus: 200,
    handler: ({ actor, body }) => calendarSvc.loadCalendarYear(db, actor, body),
  });
}

function registerAttendanceRoutes(app: FastifyInstance, db: Db) {
  const tags = ['attendance'];
  route(app, db, {
    method: 'GET',
    url: '/api/v1/attendance',
    tags,
    summary:
      'Attendance days of the people in your scope (filter month, employeeId, status; sort day|employeeName|status)',
    query: AttendanceListQuery,
    response: pageOf(AttendanceRecord),
    handler: ({ actor, query }) => attendanceSvc.listAttendance(db, actor, query),
  });
  route(app, db, {
    method: 'PUT',
    url: '/api/v1/attendance',
    tags,
    permission: 'attendance.manage',
    summary:
      "Record one person's day (present, late, absent, leave); changing a recorded day needs its version. Days to come only as leave",
    body: PutAttendanceBody,
    response: AttendanceRecord,
    handler: ({ actor, body }) => attendanceSvc.putAttendance(db, actor, body),
  });
  route(app, db, {
    method: 'POST',
    url: '/api/v1/attendance/import',
    tags,
    permission: 'attendance.manage',
    summary:
      'Import attendance from .csv or .xlsx sent as base64 (columns: 手机 mobile or 姓名 name, 日期 date, 状态 status 出勤/迟到/缺勤/请假, 备注 note). dryRun reports only; any failing row writes nothing (422) unless skipInvalid',
    body: AttendanceImportBody,
    response: AttendanceImportResult,
    successStatus: 200,
    bodyLimit: IMPORT_BODY_LIMIT,
    handler: ({ actor, body, locale }) => importAttendance(db, actor, locale, body),
  });
  route(app, db, {
    method: 'GET',
    url: '/api/v1/attendance/summary',
    tags,
    summary:
      '出勤率 for ?month= of everyone in your scope who held a position in it: working days, days present (late included), absent, leave',
    query: AttendanceSummaryQuery,
    response: z.array(AttendanceSummaryRow),
    handler: ({ actor, query }) => attendanceSvc.listAttendanceSummary(db, actor, query),
  });
}

function registerScorecardRoutes(app: FastifyInstance, db: Db) {
  const tags = ['scorecards'];
  route(app, db, {
    method: 'GET',
    url: '/api/v1/scorecards/library',
    tags,
    summary: 'The KPI library: computed indicators (filled from data) and rated ones (with their rubric)',
    response: z.array(KpiDefinition),
    handler: async ({ locale }) => scorecardSvc.listKpiLibrary(locale),
  });
  route(app, db, {
    method: 'GET',
    url: '/api/v1/scorecards',
    tags,
    summary: 'Scorecard templates (filter positionId, status; sort name|createdAt|status)',
    query: ScorecardListQuery,
    response: pageOf(ScorecardTemplate),
    handler: ({ actor, query, locale }) => scorecardSvc.listScorecards(db, actor, query, locale),
  });
  route(app, db, {
    method: 'GET',
    url: '/api/v1/scorecards/:id',
    tags,
    summary: 'One scorecard template with its weighted lines',
    params: IdParams,
    response: ScorecardTemplate,
    handler: ({ actor, params, locale }) => scorecardSvc.getScorecard(db, actor, params.id, locale),
  });
  route(app, db, {
    method: 'POST',
    url: '/api/v1/scorecards',
    tags,
    permission: 'scorecard.manage',
    summary:
      "A template for a position: KPI lines whose weights add up to 100, optional grade bands and forced distribution; it replaces the position's active template",
    body: CreateScorecardBody,
    response: ScorecardTemplate,
    handler: ({ actor, body, locale }) => scorecardSvc.createScorecard(db, actor, body, locale),
  });
  route(app, db, {
    method: 'PATCH',
    url: '/api/v1/scorecards/:id',
    tags,
    permission: 'scorecard.manage',
    summary: 'Change a template (reviews already made keep their lines); version required',
    params: IdParams,
    body: UpdateScorecardBody,
    response: ScorecardTemplate,
    handler: ({ actor, params, body, locale }) =>
      scorecardSvc.updateScorecard(db, actor, params.id, body, locale),
  });
  route(app, db, {
    method: 'DELETE',
    url: '/api/v1/scorecards/:id',
    tags,
    permission: 'scorecard.manage',
    summary: 'Delete an unused template; one that reviews were made on is retired instead',
    params: IdParams,
    handler: ({ actor, params }) => scorecardSvc.deleteScorecard(db, actor, params.id),
  });
}

function registerReviewCycleRoutes(app: FastifyInstance, db: Db) {
  const tags = ['reviews'];
  route(app, db, {
    method: 'POST',
    url: '/api/v1/reviews/cycles',
    tags,
    permission: 'review.rate',
    summary:
      'Open a review cycle (period 2026-11 or 2026-Q4, optional unitId): a draft for everyone in scope whose position has a template, computed indicators filled from data; existing reviews are left as they are',
    body: CreateReviewCycleBody,
    response: ReviewCycleResult,
    successStatus: 200,
    handler: ({ actor, body }) => reviewSvc.createReviewCycle(db, actor, body),
  });
  route(app, db, {
    method: 'POST',
    url: '/api/v1/reviews/cycles/close',
    tags,
    permission: 'review.decide',
    summary:
      'Close a cycle: every review must be confirmed or final; templates with a forced distribution grade by rank',
    body: CloseReviewCycleBody,
    response: CloseReviewCycleResult,
    successStatus: 200,
    handler: ({ actor, body }) => reviewSvc.closeReviewCycle(db, actor, body),
  });
  route(app, db, {
    method: 'GET',
    url: '/api/v1/reviews',
    tags,
    summary:
      'Reviews in your scope, yours included (filter period, employeeId, status; sort period|employeeName|score|status)',
    query: ReviewListQuery,
    response: pageOf(ReviewSummary),
    handler: ({ actor, query }) => reviewSvc.listReviews(db, actor, query),
  });
  route(app, db, {
    method: 'GET',
    url: '/api/v1/reviews/:id',
    tags,
    summary: 'One review with its items: values, points, sources, notes and comments',
    params: IdParams,
    response: Review,
    handler: ({ actor, params, locale }) => reviewSvc.getReview(db, actor, params.id, locale),
  });
  route(app, db, {
    method: 'PATCH',
    url: '/api/v1/reviews/:id',
    tags,
    permission: 'review.rate',
    summary:
      'Rate a draft (not your own): ratings and comments per item, figures the system has no data for; refresh=true fills the computed items again; version required',
    params: IdParams,
    body: UpdateReviewBody,
    response: Review,
    handler: ({ actor, params, body, locale }) => reviewSvc.updateReview(db, actor, params.id, body, locale),
  });
  route(app, db, {
    method: 'POST',
    url: '/api/v1/reviews/:id/submit',
    tags,
    permission: 'review.rate',
    summary: 'Submit the rating: every item needs a value; the score and grade are fixed',
    params: IdParams,
    body: ReviewVersionBody,
    response: Review,
    successStatus: 200,
    handler: ({ actor, params, body, locale }) => reviewSvc.submitReview(db, actor, params.id, body, locale),
  });
  route(app, db, {
    method: 'POST',
    url: '/api/v1/reviews/:id/confirm',
    tags,
    summary: 'The employee confirms their rated review',
    params: IdParams,
    body: ReviewVersionBody,
    response: Review,
    successStatus: 200,
    handler: ({ actor, params, body, locale }) => reviewSvc.confirmReview(db, actor, params.id, body, locale),
  });
  route(app, db, {
    method: 'POST',
    url: '/api/v1/reviews/:id/appeal',
    tags,
    summary: 'The employee appeals their rated review, with a reason; the next level up decides',
    params: IdParams,
    body: AppealBody,
    response: Review,
    successStatus: 200,
    handler: ({ actor, params, body, locale }) => reviewSvc.appealReview(db, actor, params.id, body, locale),
  });
  route(app, db, {
    method: 'POST',
    url: '/api/v1/reviews/:id/decide',
    tags,
    permission: 'review.decide',
    summary:
      'Decide an appeal (neither the rater nor the employee): reject keeps the score (final), accept sends the review back to draft to be corrected',
    params: IdParams,
    body: DecideReviewAppealBody,
    response: Review,
    successStatus: 200,
    handler: ({ actor, params, body, locale }) =>
      reviewSvc.decideReviewAppeal(db, actor, params.id, body, locale),
  });
  route(app, db, {
    method: 'GET',
    url: '/api/v1/employees/:id/reviews',
    tags,
    summary: "One person's reviews over time, newest period first",
    params: IdParams,
    query: PageQuery,
    response: pageOf(ReviewSummary),
    handler: ({ actor, params, query }) => reviewSvc.listEmployeeReviews(db, actor, params.id, query),
  });
}

function registerIncidentRoutes(app: FastifyInstance, db: Db) {
  const tags = ['incidents'];
  route(app, db, {
    method: 'GET',
    url: '/api/v1/incidents',
    tags,
    summary:
      'Fines and rewards of the people in your scope, yours included (filter employeeId, month, kind, status)',
    query: IncidentListQuery,
    response: pageOf(Incident),
    handler: ({ actor, query }) => incidentSvc.listIncidents(db, actor, query),
  });
  route(app, db, {
    method: 'GET',
    url: '/api/v1/incidents/:id',
    tags,
    summary: 'One fine or reward',
    params: IdParams,
    response: Incident,
    handler: ({ actor, params }) => incidentSvc.getIncident(db, actor, params.id),
  });
  route(app, db, {
    method: 'POST',
    url: '/api/v1/incidents',
    tags,
    permission: 'incident.manage',
    summary: 'Record a fine or a reward (amount in fen, 0 or more) for someone in your scope, not yourself',
    body: CreateIncidentBody,
    response: Incident,
    handler: ({ actor, body }) => incidentSvc.recordIncident(db, actor, body),
  });
  route(app, db, {
    method: 'POST',
    url: '/api/v1/incidents/:id/appeal',
    tags,
    summary: 'The employee appeals a fine or reward recorded for them, with a reason',
    params: IdParams,
    body: AppealBody,
    response: Incident,
    successStatus: 200,
    handler: ({ actor, params, body }) => incidentSvc.appealIncident(db, actor, params.id, body),
  });
  route(app, db, {
    method: 'POST',
    url: '/api/v1/incidents/:id/decide',
    tags,
    permission: 'review.decide',
    summary: 'Decide an appealed incident: upheld or cancelled (neither the recorder nor the employee)',
    params: IdParams,
    body: DecideIncidentBody,
    response: Incident,
    successStatus: 200,
    handler: ({ actor, params, body }) => incidentSvc.decideIncident(db, actor, params.id, body),
  });
}
