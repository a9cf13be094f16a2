import { Body, Controller, Get, HttpCode, Module, Post, Query, Req } from '@nestjs/common';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createServiceApp } from '@onewindow/http';
import { ObservabilityModule } from '@onewindow/observability';
import { IsInt, IsOptional, IsString, MaxLength } from 'class-validator';
import type { FastifyRequest } from 'fastify';
import type { AddressInfo } from 'node:net';

export class EchoDto {
  @ApiProperty({ example: 'hello' })
  @IsString()
  @MaxLength(10_000_000)
  text!: string;

  @ApiProperty({ required: false })
  @IsOptional()
  @IsInt()
  n?: number;
}

/** What the sample service saw of a request: proof of what the gateway forwarded. */
function seen(req: FastifyRequest) {
  return { method: req.method, url: req.url, headers: req.headers, requestId: req.id };
}

export interface SampleCalls {
  count: number;
  last?: ReturnType<typeof seen> & { body?: unknown };
}

export const sampleCalls: SampleCalls = { count: 0 };

@ApiTags('sample')
@Controller()
class SampleController {
  @Get('echo')
  echo(@Req() req: FastifyRequest) {
    sampleCalls.count++;
    sampleCalls.last = seen(req);
    return sampleCalls.last;
  }

  @Post('echo')
  @HttpCode(200)
  echoBody(@Req() req: FastifyRequest, @Body() body: EchoDto) {
    sampleCalls.count++;
    sampleCalls.last = { ...seen(req), body };
    return { ...sampleCalls.last, length: body.text.length };
  }

  @Get('slow')
  async slow(@Req() req: FastifyRequest, @Query('ms') ms = '3000') {
    sampleCalls.count++;
    // Sleeps, but stops when the caller (the gateway, after its timeout) hangs up.
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, Number(ms));
      req.raw.socket.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    return { slept: Number(ms) };
  }

  /** Stands in for intake's department endpoints (G7). */
  @Get('department/tasks')
  tasks(@Req() req: FastifyRequest) {
    sampleCalls.count++;
    sampleCalls.last = seen(req);
    return { items: [{ id: 't-1' }], seen: sampleCalls.last };
  }

  @Post('department/decisions')
  @HttpCode(201)
  decide(@Req() req: FastifyRequest) {
    sampleCalls.count++;
    sampleCalls.last = { ...seen(req), body: req.body };
    return { accepted: true, seen: sampleCalls.last };
  }
}

@Module({ imports: [ObservabilityModule], controllers: [SampleController] })
class SampleModule {}

/** A tiny service built like the real ones (createServiceApp), listening on a random port. */
export async function startSampleUpstream(): Promise<{ app: NestFastifyApplication; url: string }> {
  const app = await createServiceApp(SampleModule, { service: 'sample', bodyLimit: 8 * 1024 * 1024 });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return { app, url: `http://127.0.0.1:${port}` };
}
