// The ceiling for the intake benchmark: a bare Fastify handler (no Nest, no gateway, no token, no
// validation, no catalogue, no rendering) doing the same insert on the same Postgres: the rows one real
// submission wrote (application, materials, documents, timeline steps, outbox events: handed over by
// bench/intake.ts in OW_BARE_TEMPLATE) with fresh ids (time-ordered, as the service makes them: ADR 0021), in one statement, into copies of the intake
// tables (`create table ... (like ... including all)`: same columns, checks, defaults and indexes;
// foreign keys are not copied, which if anything raises the ceiling). Started by bench/intake.ts.
import Fastify from 'fastify';
import { newId } from '@onewindow/contracts';
import { Pool } from 'pg';

type Template = Record<string, Record<string, unknown>[]>;

const template = JSON.parse(process.env.OW_BARE_TEMPLATE ?? '{}') as Template;
/** Values that must be unique per submission (ids, numbers, codes): replaced in every request. */
const unique = JSON.parse(process.env.OW_BARE_UNIQUE ?? '[]') as string[];
const tables = Object.keys(template);
const pool = new Pool({
  host: process.env.OW_PG_HOST ?? '127.0.0.1',
  port: Number(process.env.OW_PG_PORT ?? 55432),
  user: 'onewindow',
  password: 'onewindow',
  database: process.env.OW_PG_DATABASE,
  max: 20,
});
const app = Fastify();

const texts = tables.map((t) => JSON.stringify(template[t]));
const pattern = new RegExp(unique.map((u) => u.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
const statement = {
  name: 'bare_submit',
  text: `with ${tables
    .map((t, i) => {
      const cols = Object.keys(template[t][0])
        .map((c) => `"${c}"`)
        .join(', ');
      return `p${i} as (insert into "bare_${t}" (${cols}) select ${cols} from jsonb_populate_recordset(null::"bare_${t}", $${i + 1}::jsonb))`;
    })
    .join(',\n')} select 1`,
};

let n = 0;
app.post('/applications', async (req, reply) => {
  const body = req.body as { itemCode: string };
  const fresh = new Map(
    unique.map((u) => [
      u,
      /^[0-9a-f-]{36}$/.test(u)
        ? newId()
        : `${u.slice(0, Math.max(0, u.length - 12))}${process.pid}${String(++n).padStart(12 - String(process.pid).length, '0')}`.slice(
            -u.length,
          ),
    ]),
  );
  const values = texts.map((t) => t.replace(pattern, (m) => fresh.get(m)!));
  await pool.query({ ...statement, values });
  reply.code(201).send({ id: fresh.get(unique[0]), itemCode: body.itemCode, state: template.application[0].state });
});

(async () => {
  for (const t of tables) await pool.query(`create table if not exists "bare_${t}" (like "${t}" including all)`);
  await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
  process.send?.('ready');
})();
