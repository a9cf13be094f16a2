export * from './mask';
export * from './logger';
export * from './metrics';
export * from './health';
export * from './observability.module';
export * from './nest-logger';
export * from './calendar-fallback';
