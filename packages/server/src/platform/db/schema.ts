/** Every table, for the Drizzle client and drizzle-kit. Each table is defined in its feature's folder. */
export * from '../../modules/org/org.table.ts';
export * from '../../modules/auth/auth.table.ts';
export * from '../../modules/delegations/delegation.table.ts';
export * from '../../modules/job-descriptions/jd.table.ts';
export * from '../audit/audit.table.ts';
