import { Body, Controller, Get, Module, Post } from '@nestjs/common';
import { IsInt, IsString, Min } from 'class-validator';
import { createServiceApp } from './bootstrap';
import { InvalidTransitionError } from './api-error';

class CreateDto {
  @IsString() name!: string;
  @IsInt() @Min(1) copies!: number;
}

@Controller('things')
class ThingsController {
  @Post() create(@Body() dto: CreateDto) {
    return dto;
  }
  @Get('conflict') conflict() {
    throw new InvalidTransitionError('申请', 'RECEIVED', 'decide');
  }
  @Get('boom') boom() {
    throw new Error('SELECT secret FROM table');
  }
}
@Module({ controllers: [ThingsController] })
class TestModule {}

// The one error shape (10-gateway.md "Bad input"), through a real Fastify server, for every kind of failure.
describe('the platform error shape', () => {
  let app: Awaited<ReturnType<typeof createServiceApp>>;
  const inject = (o: any) => app.getHttpAdapter().getInstance().inject(o);

  beforeAll(async () => {
    app = await createServiceApp(TestModule, { service: 'errors-test', bodyLimit: 1024 });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });
  afterAll(() => app.close());

  const shape = (body: string) => {
    const b = JSON.parse(body);
    expect(Object.keys(b).sort()).toEqual(expect.arrayContaining(['error', 'message', 'requestId', 'statusCode']));
    return b;
  };

  it('malformed JSON: 400 in Chinese and English', async () => {
    const r = await inject({
      method: 'POST',
      url: '/things',
      headers: { 'content-type': 'application/json' },
      payload: '{bad',
    });
    expect(r.statusCode).toBe(400);
    expect(shape(r.body).message).toMatch(/^请求体不是合法的 JSON \(malformed JSON body\)/);
  });

  it('unknown fields and wrong types: 400 listing every field at once', async () => {
    const r = await inject({ method: 'POST', url: '/things', payload: { name: 3, copies: 0, extra: true } });
    expect(r.statusCode).toBe(400);
    const b = shape(r.body);
    expect(b.details.map((d: { field: string }) => d.field).sort()).toEqual(['copies', 'extra', 'name']);
  });

  it('oversized body: 413; wrong media type: 415', async () => {
    const big = await inject({ method: 'POST', url: '/things', payload: { name: 'x'.repeat(5000), copies: 1 } });
    expect(big.statusCode).toBe(413);
    expect(shape(big.body).message).toMatch(/请求体过大/);
    const xml = await inject({
      method: 'POST',
      url: '/things',
      headers: { 'content-type': 'text/xml' },
      payload: '<a/>',
    });
    expect(xml.statusCode).toBe(415);
    expect(shape(xml.body).message).toMatch(/不支持的内容类型/);
  });

  it('an invalid transition: 409 with the current state', async () => {
    const r = await inject({ method: 'GET', url: '/things/conflict' });
    expect(r.statusCode).toBe(409);
    expect(shape(r.body).details).toEqual({ currentState: 'RECEIVED', attempted: 'decide' });
  });

  it('an unexpected error: 500 without leaking its text; the request id is echoed', async () => {
    const r = await inject({ method: 'GET', url: '/things/boom', headers: { 'x-request-id': 'req-12345678' } });
    expect(r.statusCode).toBe(500);
    const b = shape(r.body);
    expect(b.message).not.toMatch(/SELECT/);
    expect(b.requestId).toBe('req-12345678');
    expect(r.headers['x-request-id']).toBe('req-12345678');
  });

  it('an unknown route: 404 in the same shape', async () => {
    const r = await inject({ method: 'GET', url: '/nowhere' });
    expect(r.statusCode).toBe(404);
    shape(r.body);
  });
});
