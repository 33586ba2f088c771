export * from './indicators.ts';
export * from './scoring.ts';
export * from './templates.ts';
export * from './scorecard.ts';
