export * from './envelope';
export * from './topics';
export * from './registry';
export * from './events/intake-application';
export * from './events/registration';
export * from './events/intake-fee';
export * from './canonical-json';
export * from './formats';
