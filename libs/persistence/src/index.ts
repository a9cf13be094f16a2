export * from './connection';
export * from './data-source';
export * from './optimistic-lock';
export * from './persistence.module';
export * from './block-allocator';
export * from './multi-insert';
export * from './group-commit';
export * from './database-errors';
