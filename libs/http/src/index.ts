export * from './api-error';
export * from './exception.filter';
export * from './validation';
export * from './bootstrap';
export * from './workers';
export * from './request-helpers';
export * from './pagination';
