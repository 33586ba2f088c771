export * from './common.ts';
export * from './auth.ts';
export * from './org.ts';
export * from './jd.ts';
