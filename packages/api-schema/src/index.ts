export * from './common.ts';
export * from './auth.ts';
export * from './org.ts';
export * from './jd.ts';
export * from './sales.ts';
export * from './customers.ts';
export * from './money.ts';
