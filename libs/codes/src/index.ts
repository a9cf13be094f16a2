export * from './reason';
export * from './org-code';
export * from './uscc';
export * from './resident-id';
export * from './mask';
export * from './division';
export * from './case-number';
