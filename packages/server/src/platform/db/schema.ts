/** Every table, for the Drizzle client and drizzle-kit. Each table is defined in its feature's folder. */
export * from '../../modules/org/org.table.ts';
export * from '../../modules/auth/auth.table.ts';
export * from '../../modules/delegations/delegation.table.ts';
export * from '../../modules/job-descriptions/jd.table.ts';
export * from '../audit/audit.table.ts';
export * from '../../modules/files/files.table.ts';
export * from '../../modules/customers/customers.table.ts';
export * from '../../modules/catalogue/catalogue.table.ts';
export * from '../../modules/orders/orders.table.ts';
export * from '../../modules/receivables/receivables.table.ts';
export * from '../../modules/invoices/invoices.table.ts';
export * from '../../modules/statements/statements.table.ts';
export * from '../../modules/service/service.table.ts';
export * from '../../modules/sales-rollups/rollups.table.ts';
export * from '../../modules/targets/targets.table.ts';
export * from '../../modules/reviews/reviews.table.ts';
export * from '../../modules/pay/pay.table.ts';
