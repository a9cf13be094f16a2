export * from './database';
export * from './kafka';
export * from './wait';
export * from './isolation';
export * from './jwks-server';
export * from './processes';
export * from './service-app';
export * from './principals';
