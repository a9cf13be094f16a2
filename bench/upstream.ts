// A service as the benchmarks see one: verifies the caller's token against the gateway's JWKS (as every
// service does), reads one row from its own Postgres database, answers JSON. Started by bench/gateway.ts.
import { Controller, Get, Module, NotFoundException, Param } from '@nestjs/common';
import { AuthModule, CurrentPrincipal, type Principal } from '@onewindow/auth';
import { createServiceApp } from '@onewindow/http';
import { ObservabilityModule } from '@onewindow/observability';
import { PersistenceModule } from '@onewindow/persistence';
import { DataSource } from 'typeorm';

@Controller('items')
class ItemsController {
  constructor(private readonly ds: DataSource) {}
  @Get(':code')
  async get(@Param('code') code: string, @CurrentPrincipal() p: Principal) {
    const [row] = await this.ds.query('select code, name, promised_days from bench_item where code = $1', [code]);
    if (!row) throw new NotFoundException({ message: '事项不存在 (item not found)' });
    return { ...row, readBy: p.type };
  }
}

@Module({
  imports: [
    ObservabilityModule,
    AuthModule.forRoot(),
    PersistenceModule.forService({ database: 'ow_test', entities: [], migrations: [], poolSize: 20 }),
  ],
  controllers: [ItemsController],
})
class BenchUpstreamModule {}

(async () => {
  const app = await createServiceApp(BenchUpstreamModule, { service: 'bench-upstream' });
  const ds = app.get(DataSource);
  await ds.query(
    'create table if not exists bench_item (code text primary key, name text not null, promised_days int not null)',
  );
  await ds.query(`insert into bench_item values ('XK-SCJG-001', '食品经营许可', 5) on conflict do nothing`);
  await app.listen(Number(process.env.PORT), '127.0.0.1');
  process.send?.('ready');
})();
