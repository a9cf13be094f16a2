export * from './envelope';
export * from './topics';
export * from './registry';
export * from './events/intake-application';
