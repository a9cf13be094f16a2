import { createServiceApp, listen } from '@onewindow/http';
import { AppModule } from './app.module';

async function main() {
  const app = await createServiceApp(AppModule, {
    service: 'registration',
    title: 'OneWindow registration 企业开办',
    description:
      'Opening a company in one day: one form, name check, USCC, signed e-licence, and the department steps (seal, tax, social insurance, statistics) run in parallel by a saga over Kafka.',
    requestTimeoutMs: 15_000,
  });
  const url = await listen(app, 3002);
  console.log(`registration listening on ${url}`);
}

void main();
