import type { FastifyInstance } from 'fastify';
import type { Db } from '../platform/db/db.ts';
import { registerAuthRoutes } from './auth/auth.routes.ts';
import { registerOrgRoutes } from './org/org.routes.ts';
import { registerEmployeeRoutes } from './employees/employees.routes.ts';
import { registerDelegationRoutes } from './delegations/delegations.routes.ts';
import { registerAuditRoutes } from './audit/audit.routes.ts';
import { registerUserRoutes } from './users/users.routes.ts';
import { registerJdRoutes } from './job-descriptions/jd.routes.ts';
import { registerFileRoutes } from './files/files.routes.ts';
import { registerCatalogueRoutes } from './catalogue/catalogue.routes.ts';
import { registerOrderRoutes } from './orders/orders.routes.ts';
import { registerCustomerRoutes } from './customers/customers.routes.ts';
import { registerServiceRoutes } from './service/service.routes.ts';
import { registerMoneyInRoutes } from './receivables/receivables.routes.ts';
import { registerReviewRoutes } from './reviews/reviews.routes.ts';
import { registerTargetRoutes } from './targets/targets.routes.ts';
import { registerProgressRoutes } from './progress/progress.routes.ts';
import { registerPayRoutes } from './pay/pay.routes.ts';

/** Every feature's routes. A new feature adds one line here. */
export function registerModules(app: FastifyInstance, db: Db, cookieMode: 'auto' | 'always' | 'never') {
  registerAuthRoutes(app, db, cookieMode);
  registerOrgRoutes(app, db);
  registerEmployeeRoutes(app, db);
  registerDelegationRoutes(app, db);
  registerAuditRoutes(app, db);
  registerUserRoutes(app, db);
  registerJdRoutes(app, db);
  registerFileRoutes(app, db);
  registerCatalogueRoutes(app, db);
  registerOrderRoutes(app, db);
  registerCustomerRoutes(app, db);
  registerServiceRoutes(app, db);
  registerMoneyInRoutes(app, db);
  registerReviewRoutes(app, db);
  registerTargetRoutes(app, db);
  registerProgressRoutes(app, db);
  registerPayRoutes(app, db);
}
