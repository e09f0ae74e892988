export * from './ip';
export * from './subnet';
export * from './mac';
