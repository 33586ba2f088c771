import type { FastifyInstance } from 'fastify';
import type { Db } from '../platform/db/db.ts';
import { registerAuthRoutes } from './auth/auth.routes.ts';
import { registerOrgRoutes } from './org/org.routes.ts';
import { registerEmployeeRoutes } from './employees/employees.routes.ts';
import { registerDelegationRoutes } from './delegations/delegations.routes.ts';
import { registerAuditRoutes } from './audit/audit.routes.ts';
import { registerUserRoutes } from './users/users.routes.ts';
import { registerJdRoutes } from './job-descriptions/jd.routes.ts';

/** Every feature's routes. A new feature adds one line here. */
export function registerModules(app: FastifyInstance, db: Db, cookieMode: 'auto' | 'always' | 'never') {
  registerAuthRoutes(app, db, cookieMode);
  registerOrgRoutes(app, db);
  registerEmployeeRoutes(app, db);
  registerDelegationRoutes(app, db);
  registerAuditRoutes(app, db);
  registerUserRoutes(app, db);
  registerJdRoutes(app, db);
}
