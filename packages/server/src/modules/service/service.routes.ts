import type { FastifyInstance } from 'fastify';
import {
  AddComplaintStepBody,
  CloseComplaintBody,
  Complaint,
  ComplaintListQuery,
  CreateComplaintBody,
  CreateSurveyBody,
  IdParams,
  PageQuery,
  ResolveComplaintBody,
  Survey,
  SurveySummary,
  SurveySummaryQuery,
  UpdateComplaintBody,
  pageOf,
} from '@zuzhang/api-schema';
import type { Db } from '../../platform/db/db.ts';
import { route } from '../../platform/http/route.ts';
import * as complaints from './complaints.service.ts';
import * as surveys from './surveys.service.ts';

export function registerServiceRoutes(app: FastifyInstance, db: Db) {
  const tags = ['service'];
  route(app, db, {
    method: 'GET',
    url: '/api/v1/complaints',
    tags,
    permission: 'customer.read',
    summary:
      'Complaints (客诉) on customers in your scope (filter status, severity, overdue, customerId, ownerEmployeeId; q: title; sort deadlineOn|receivedOn|severity|status)',
    query: ComplaintListQuery,
    response: pageOf(Complaint),
    handler: ({ actor, query }) => complaints.listComplaints(db, actor, query),
  });
  route(app, db, {
    method: 'GET',
    url: '/api/v1/complaints/:id',
    tags,
    permission: 'customer.read',
    summary: 'One complaint with its steps',
    params: IdParams,
    response: Complaint,
    handler: ({ actor, params }) => complaints.getComplaint(db, actor, params.id),
  });
  route(app, db, {
    method: 'POST',
    url: '/api/v1/complaints',
    tags,
    permission: 'complaint.manage',
    summary: 'Record a complaint (deadline defaults by severity: 1 / 3 / 7 / 15 days)',
    body: CreateComplaintBody,
    response: Complaint,
    handler: ({ actor, body }) => complaints.createComplaint(db, actor, body),
  });
  route(app, db, {
    method: 'PATCH',
    url: '/api/v1/complaints/:id',
    tags,
    permission: 'complaint.manage',
    summary:
      'Change severity, owner, title, description or deadline (not once closed; send the version you read)',
    params: IdParams,
    body: UpdateComplaintBody,
    response: Complaint,
    handler: ({ actor, params, body }) => complaints.updateComplaint(db, actor, params.id, body),
  });
  route(app, db, {
    method: 'POST',
    url: '/api/v1/complaints/:id/steps',
    tags,
    permission: 'complaint.manage',
    summary: 'Record a step taken on the case (it is then in progress)',
    params: IdParams,
    body: AddComplaintStepBody,
    response: Complaint,
    successStatus: 200,
    handler: ({ actor, params, body }) => complaints.addComplaintStep(db, actor, params.id, body),
  });
  route(app, db, {
    method: 'POST',
    url: '/api/v1/complaints/:id/resolve',
    tags,
    permission: 'complaint.manage',
    summary: "Resolve with the resolution and the customer's satisfaction (1–5)",
    params: IdParams,
    body: ResolveComplaintBody,
    response: Complaint,
    successStatus: 200,
    handler: ({ actor, params, body }) => complaints.resolveComplaint(db, actor, params.id, body),
  });
  route(app, db, {
    method: 'POST',
    url: '/api/v1/complaints/:id/close',
    tags,
    permission: 'complaint.manage',
    summary: 'Close a resolved complaint',
    params: IdParams,
    body: CloseComplaintBody,
    response: Complaint,
    successStatus: 200,
    handler: ({ actor, params, body }) => complaints.closeComplaint(db, actor, params.id, body),
  });
  route(app, db, {
    method: 'POST',
    url: '/api/v1/customers/:id/surveys',
    tags,
    permission: 'complaint.manage',
    summary: 'Record a return visit (回访) or satisfaction survey (满意度调查): score 1–5 and comment',
    params: IdParams,
    body: CreateSurveyBody,
    response: Survey,
    handler: ({ actor, params, body }) => surveys.createSurvey(db, actor, params.id, body),
  });
  route(app, db, {
    method: 'GET',
    url: '/api/v1/customers/:id/surveys',
    tags,
    permission: 'customer.read',
    summary: "A customer's return visits and surveys (sort doneOn|score, order asc|desc)",
    params: IdParams,
    query: PageQuery,
    response: pageOf(Survey),
    handler: ({ actor, params, query }) => surveys.listSurveys(db, actor, params.id, query),
  });
  route(app, db, {
    method: 'GET',
    url: '/api/v1/surveys/summary',
    tags,
    permission: 'customer.read',
    summary: 'Average score per customer owner in your scope, over surveys done from..to',
    query: SurveySummaryQuery,
    response: SurveySummary,
    handler: ({ actor, query }) => surveys.summarizeSurveys(db, actor, query),
  });
}
