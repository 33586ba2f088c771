export * from './orders.ts';
export * from './contracts.ts';
