import type { FastifyInstance } from 'fastify';
import {
  Assignment,
  CreateAssignmentBody,
  CreateEmployeeBody,
  Employee,
  EmployeeListQuery,
  EndAssignmentBody,
  IdParams,
  UpdateEmployeeBody,
  pageOf,
} from '@zuzhang/api-schema';
import type { Db } from '../../platform/db/db.ts';
import { route } from '../../platform/http/route.ts';
import * as svc from './employees.service.ts';

export function registerEmployeeRoutes(app: FastifyInstance, db: Db) {
  const tags = ['employees'];
  route(app, db, {
    method: 'GET',
    url: '/api/v1/employees',
    tags,
    permission: 'employee.read',
    summary:
      'Employees in your scope (search q by name or mobile; filter unitId, status; sort name|hireDate|status)',
    query: EmployeeListQuery,
    response: pageOf(Employee),
    handler: ({ actor, query }) => svc.listEmployees(db, actor, query),
  });
  route(app, db, {
    method: 'GET',
    url: '/api/v1/employees/:id',
    tags,
    permission: 'employee.read',
    summary: 'One employee with assignments',
    params: IdParams,
    response: Employee,
    handler: ({ actor, params }) => svc.getEmployee(db, actor, params.id),
  });
  route(app, db, {
    method: 'POST',
    url: '/api/v1/employees',
    tags,
    permission: 'employee.manage',
    summary: 'Create an employee',
    body: CreateEmployeeBody,
    response: Employee,
    handler: ({ actor, body }) => svc.createEmployee(db, actor, body),
  });
  route(app, db, {
    method: 'PATCH',
    url: '/api/v1/employees/:id',
    tags,
    permission: 'employee.manage',
    summary: 'Change an employee (send the version you read)',
    params: IdParams,
    body: UpdateEmployeeBody,
    response: Employee,
    handler: ({ actor, params, body }) => svc.updateEmployee(db, actor, params.id, body),
  });
  route(app, db, {
    method: 'POST',
    url: '/api/v1/assignments',
    tags,
    permission: 'employee.manage',
    summary: 'Assign an employee to a position (primary or concurrent)',
    body: CreateAssignmentBody,
    response: Assignment,
    handler: ({ actor, body }) => svc.createAssignment(db, actor, body),
  });
  route(app, db, {
    method: 'POST',
    url: '/api/v1/assignments/:id/end',
    tags,
    permission: 'employee.manage',
    summary: 'End an assignment',
    params: IdParams,
    body: EndAssignmentBody,
    response: Assignment,
    successStatus: 200,
    handler: ({ actor, params, body }) => svc.endAssignment(db, actor, params.id, body.endDate),
  });
}
