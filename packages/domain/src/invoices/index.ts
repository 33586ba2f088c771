export * from './invoice-number.ts';
export * from './tax.ts';
export * from './reconciliation.ts';
