// The ceiling for the intake benchmark: a bare Fastify handler (no Nest, no auth, no validation, no
// gateway) doing the same kind of write on the same Postgres: one transaction inserting an application
// row and its outbox event. Started by bench/intake.ts.
import Fastify from 'fastify';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';

const pool = new Pool({ host: process.env.OW_PG_HOST ?? '127.0.0.1', port: Number(process.env.OW_PG_PORT ?? 55432), user: 'onewindow', password: 'onewindow', database: process.env.OW_PG_DATABASE, max: 20 });
const app = Fastify();

app.post('/applications', async (req, reply) => {
  const body = req.body as { itemCode: string; formData: unknown; materials: unknown };
  const id = randomUUID();
  const c = await pool.connect();
  try {
    await c.query('begin');
    await c.query(
      `insert into bare_application (id, number, item_code, item_version, applicant, state, form_data, materials, idempotency_key)
       values ($1, $2, $3, 1, $4, 'RECEIVED', $5, $6, $7)`,
      [id, `BARE${Date.now()}${Math.floor(Math.random() * 1e6)}`, body.itemCode, 'citizen:bench', JSON.stringify(body.formData), JSON.stringify(body.materials), req.headers['idempotency-key']],
    );
    await c.query(`insert into bare_outbox (event_id, key, envelope) values ($1, $2, $3)`, [randomUUID(), id, JSON.stringify({ type: 'intake.application.received', data: body })]);
    await c.query('commit');
  } catch (e) {
    await c.query('rollback');
    throw e;
  } finally {
    c.release();
  }
  reply.code(201).send({ id, state: 'RECEIVED' });
});

(async () => {
  await pool.query(`create table if not exists bare_application (id uuid primary key, number text unique not null, item_code text not null, item_version int not null,
    applicant text not null, state text not null, form_data jsonb not null, materials jsonb not null, idempotency_key text unique, created_at timestamptz not null default now())`);
  await pool.query(`create table if not exists bare_outbox (seq bigserial primary key, event_id uuid not null unique, key text not null, envelope jsonb not null, created_at timestamptz not null default now(), published_at timestamptz)`);
  await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
  process.send?.('ready');
})();
