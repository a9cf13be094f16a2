import { isFaultOfOneWrite, isInfrastructureError } from './database-errors';

describe('isFaultOfOneWrite', () => {
  it('retries data and constraint errors alone, not connection or capacity errors', () => {
    expect(isFaultOfOneWrite({ code: '23505' })).toBe(true);
    expect(isFaultOfOneWrite({ code: '22P02' })).toBe(true);
    expect(isFaultOfOneWrite({ code: '08006' })).toBe(false);
    expect(isFaultOfOneWrite({ code: '53300' })).toBe(false);
    expect(isFaultOfOneWrite(new Error('Connection terminated unexpectedly'))).toBe(false);
    expect(isFaultOfOneWrite(null)).toBe(false);
  });
});

describe('isInfrastructureError', () => {
  it('says a dependency is down for connection and server-state errors, also wrapped by TypeORM, not for bad data', () => {
    expect(isInfrastructureError({ code: 'ECONNREFUSED' })).toBe(true);
    expect(isInfrastructureError({ driverError: { code: '57P01' } })).toBe(true);
    expect(isInfrastructureError(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isInfrastructureError({ code: '23505' })).toBe(false);
  });
});
