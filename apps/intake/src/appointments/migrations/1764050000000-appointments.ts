import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Appointments and queue tickets (A11). */
export class Appointments1764050000000 implements MigrationInterface {
  name = 'Appointments1764050000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table appointment_slot (
        id uuid primary key,
        centre text not null,
        category text not null,
        starts_at timestamptz not null,
        ends_at timestamptz not null,
        capacity int not null check (capacity between 1 and 1000),
        booked int not null default 0,
        created_by text not null,
        created_at timestamptz not null,
        check (ends_at > starts_at),
        -- the last line of defence against overbooking, whatever the code does
        check (booked >= 0 and booked <= capacity),
        unique (centre, category, starts_at)
      )`);
    await q.query(`create index appointment_slot_lookup on appointment_slot (centre, category, starts_at)`);
    await q.query(`
      create table appointment (
        id uuid primary key,
        slot_id uuid not null references appointment_slot (id),
        owner_subject text not null,
        status text not null check (status in ('booked','cancelled','checked-in')),
        booked_at timestamptz not null,
        cancelled_at timestamptz,
        checked_in_at timestamptz
      )`);
    // One live booking per applicant per slot (a cancelled one may be booked again).
    await q.query(
      `create unique index appointment_one_per_slot on appointment (slot_id, owner_subject) where status <> 'cancelled'`,
    );
    await q.query(`create index appointment_owner_idx on appointment (owner_subject, booked_at)`);
    await q.query(`
      create table queue_category (
        centre text not null,
        category text not null,
        letter text not null,
        primary key (centre, category),
        unique (centre, letter)
      )`);
    await q.query(`
      create table queue_counter (
        centre text not null,
        day date not null,
        category text not null,
        last int not null,
        primary key (centre, day, category)
      )`);
    await q.query(`
      create table queue_ticket (
        id uuid primary key,
        centre text not null,
        day date not null,
        category text not null,
        seq int not null,
        number text not null,
        kind text not null check (kind in ('appointment','walk-in')),
        appointment_id uuid unique references appointment (id),
        slot_starts_at timestamptz,
        slot_ends_at timestamptz,
        owner_subject text,
        status text not null check (status in ('waiting','called','served')),
        issued_at timestamptz not null,
        issued_by text not null,
        called_at timestamptz,
        called_by text,
        window_no text,
        unique (centre, day, category, seq),
        check ((kind = 'appointment') = (appointment_id is not null))
      )`);
    await q.query(
      `create index queue_ticket_waiting on queue_ticket (centre, day, issued_at) where status = 'waiting'`,
    );
    await q.query(
      `create index queue_ticket_called on queue_ticket (centre, day, called_at) where called_at is not null`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('drop table queue_ticket');
    await q.query('drop table queue_counter');
    await q.query('drop table queue_category');
    await q.query('drop table appointment');
    await q.query('drop table appointment_slot');
  }
}
