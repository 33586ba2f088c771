export * from './money/index.ts';
export * from './validators/index.ts';
export * from './org/index.ts';
export * from './access/index.ts';
export * from './job-descriptions/index.ts';
