export * from './split.ts';
export * from './attainment.ts';
export * from './analysis.ts';
