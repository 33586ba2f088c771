export * from './jd-diff.ts';
export * from './jd-required.ts';
