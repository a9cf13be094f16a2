import { classifyUpstreamError, upstreamErrorBody } from './upstream-errors';

describe('upstream error mapping (G1)', () => {
  const wrap = (cause: unknown) =>
    Object.assign(new Error('wrapped'), { code: 'FST_REPLY_FROM_INTERNAL_SERVER_ERROR', cause });

  it('connection refused, unresolvable host or connect timeout → unavailable (503)', () => {
    expect(
      classifyUpstreamError(wrap(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))),
    ).toBe('unavailable');
    expect(
      classifyUpstreamError(
        Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('x'), { code: 'ENOTFOUND' }) }),
      ),
    ).toBe('unavailable');
    const aggregate = Object.assign(
      new AggregateError([Object.assign(new Error('a'), { code: 'ECONNREFUSED' })], 'all failed'),
      { code: undefined },
    );
    expect(classifyUpstreamError(aggregate)).toBe('unavailable');
    expect(classifyUpstreamError({ code: 'UND_ERR_CONNECT_TIMEOUT' })).toBe('unavailable');
  });

  it('no answer in time → timeout (504)', () => {
    expect(
      classifyUpstreamError({ code: 'FST_REPLY_FROM_GATEWAY_TIMEOUT', cause: { code: 'UND_ERR_HEADERS_TIMEOUT' } }),
    ).toBe('timeout');
    expect(classifyUpstreamError(new DOMException('signal timed out', 'TimeoutError'))).toBe('timeout');
  });

  it('anything else → bad gateway (502)', () => {
    expect(classifyUpstreamError(wrap({ code: 'ECONNRESET' }))).toBe('bad-gateway');
    expect(classifyUpstreamError(new Error('weird'))).toBe('bad-gateway');
    expect(classifyUpstreamError(undefined)).toBe('bad-gateway');
  });

  it('answers in the platform error shape naming the service', () => {
    expect(upstreamErrorBody('intake', 'unavailable', 'req-1')).toEqual({
      statusCode: 503,
      error: 'Service Unavailable',
      message: '服务 intake 暂不可用 (service unavailable)',
      requestId: 'req-1',
      details: { service: 'intake' },
    });
    expect(upstreamErrorBody('intake', 'timeout', 'req-2', 10000)).toMatchObject({
      statusCode: 504,
      error: 'Gateway Timeout',
      requestId: 'req-2',
    });
    expect(upstreamErrorBody('intake', 'bad-gateway', 'req-3')).toMatchObject({
      statusCode: 502,
      error: 'Bad Gateway',
    });
  });
});
