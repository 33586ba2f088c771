export * from './permissions.ts';
export * from './scope.ts';
