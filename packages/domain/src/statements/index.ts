export * from './statement.ts';
export * from './period.ts';
