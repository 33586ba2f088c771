import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  CreatePositionBody,
  CreatePromotionPathBody,
  CreateRoleBody,
  CreateUnitBody,
  IdParams,
  OrgChart,
  PageQuery,
  Position,
  PromotionPath,
  Role,
  Unit,
  UpdatePositionBody,
  UpdateRoleBody,
  UpdateUnitBody,
  pageOf,
} from '@zuzhang/api-schema';
import type { Db } from '../../platform/db/db.ts';
import { route } from '../../platform/http/route.ts';
import * as org from './org.service.ts';

const PositionListQuery = PageQuery.extend({
  unitId: z.coerce.number().int().positive().optional(),
}).strict();

export function registerOrgRoutes(app: FastifyInstance, db: Db) {
  const tags = ['org'];
  route(app, db, {
    method: 'GET',
    url: '/api/v1/org/chart',
    tags,
    permission: 'org.read',
    summary: 'Org chart: units, positions, holders, planned vs filled headcount (within your scope)',
    response: OrgChart,
    handler: ({ actor }) => org.buildOrgChart(db, actor),
  });
  route(app, db, {
    method: 'GET',
    url: '/api/v1/org/units',
    tags,
    permission: 'org.read',
    summary: 'Units in your scope',
    response: z.array(Unit),
    handler: ({ actor }) => org.listUnits(db, actor),
  });
  route(app, db, {
    method: 'GET',
    url: '/api/v1/org/units/:id',
    tags,
    permission: 'org.read',
    summary: 'One unit',
    params: IdParams,
    response: Unit,
    handler: ({ actor, params }) => org.getUnit(db, actor, params.id),
  });
  route(app, db, {
    method: 'POST',
    url: '/api/v1/org/units',
    tags,
    permission: 'org.manage',
    summary: 'Create a unit',
    body: CreateUnitBody,
    response: Unit,
    handler: ({ actor, body }) => org.createUnit(db, actor, body),
  });
  route(app, db, {
    method: 'PATCH',
    url: '/api/v1/org/units/:id',
    tags,
    permission: 'org.manage',
    summary: 'Change a unit (send the version you read; 409 if it changed since)',
    params: IdParams,
    body: UpdateUnitBody,
    response: Unit,
    handler: ({ actor, params, body }) => org.updateUnit(db, actor, params.id, body),
  });
  route(app, db, {
    method: 'DELETE',
    url: '/api/v1/org/units/:id',
    tags,
    permission: 'org.manage',
    summary: 'Delete an empty unit',
    params: IdParams,
    handler: ({ actor, params }) => org.deleteUnit(db, actor, params.id),
  });
  route(app, db, {
    method: 'GET',
    url: '/api/v1/org/positions',
    tags,
    permission: 'org.read',
    summary: 'Positions in your scope (search q, sort name|code|unit|headcount, unitId)',
    query: PositionListQuery,
    response: pageOf(Position),
    handler: ({ actor, query }) => org.listPositions(db, actor, query),
  });
  route(app, db, {
    method: 'GET',
    url: '/api/v1/org/positions/:id',
    tags,
    permission: 'org.read',
    summary: 'One position',
    params: IdParams,
    response: Position,
    handler: ({ actor, params }) => org.getPosition(db, actor, params.id),
  });
  route(app, db, {
    method: 'POST',
    url: '/api/v1/org/positions',
    tags,
    permission: 'org.manage',
    summary: 'Create a position',
    body: CreatePositionBody,
    response: Position,
    handler: ({ actor, body }) => org.createPosition(db, actor, body),
  });
  route(app, db, {
    method: 'PATCH',
    url: '/api/v1/org/positions/:id',
    tags,
    permission: 'org.manage',
    summary: 'Change a position (reports-to loops are refused)',
    params: IdParams,
    body: UpdatePositionBody,
    response: Position,
    handler: ({ actor, params, body }) => org.updatePosition(db, actor, params.id, body),
  });
  route(app, db, {
    method: 'GET',
    url: '/api/v1/org/roles',
    tags,
    permission: 'org.read',
    summary: 'Roles and the actions they grant',
    response: z.array(Role),
    handler: ({ actor }) => org.listRoles(db, actor),
  });
  route(app, db, {
    method: 'POST',
    url: '/api/v1/org/roles',
    tags,
    permission: 'role.manage',
    summary: 'Create a role',
    body: CreateRoleBody,
    response: Role,
    handler: ({ actor, body }) => org.createRole(db, actor, body),
  });
  route(app, db, {
    method: 'PATCH',
    url: '/api/v1/org/roles/:id',
    tags,
    permission: 'role.manage',
    summary: 'Change a role',
    params: IdParams,
    body: UpdateRoleBody,
    response: Role,
    handler: ({ actor, params, body }) => org.updateRole(db, actor, params.id, body),
  });
  route(app, db, {
    method: 'GET',
    url: '/api/v1/org/permissions',
    tags,
    summary: 'Every permission code a role may grant',
    response: z.array(z.object({ code: z.string() })),
    handler: async () => org.listPermissions(),
  });
  route(app, db, {
    method: 'GET',
    url: '/api/v1/org/promotion-paths',
    tags,
    permission: 'org.read',
    summary: 'Promotion paths (晋升方向)',
    response: z.array(PromotionPath),
    handler: ({ actor }) => org.listPromotionPaths(db, actor),
  });
  route(app, db, {
    method: 'POST',
    url: '/api/v1/org/promotion-paths',
    tags,
    permission: 'org.manage',
    summary: 'Create a promotion path',
    body: CreatePromotionPathBody,
    response: PromotionPath,
    handler: ({ actor, body }) => org.createPromotionPath(db, actor, body),
  });
}
