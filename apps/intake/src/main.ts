import { createServiceApp, listen, runWorkers } from '@onewindow/http';
import { AppModule } from './app.module';

async function main() {
  const app = await createServiceApp(AppModule, {
    service: 'intake',
    title: 'OneWindow intake 事项清单与一窗受理',
    description:
      'Public catalogue (事项清单/办事指南) and the single window: receipt, intake decision, back office, clock, delivery.',
    bodyLimit: 12 * 1024 * 1024, // material uploads; per-file limits are checked by the documents feature
    requestTimeoutMs: 15_000,
  });
  const url = await listen(app, 3001);
  console.log(`intake listening on ${url}`);
}

runWorkers(main);
