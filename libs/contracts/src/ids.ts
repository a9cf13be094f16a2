import { v7 } from 'uuid';

/**
 * A new id for a stored row or an event: a UUID whose first 48 bits are the time in milliseconds and the
 * rest random (RFC 9562 version 7; ids made in one process within one millisecond still sort in order).
 *
 * Why not a random (version 4) UUID: the platform's big tables (applications, documents, tasks, outbox and
 * inbox events) are inserted in time order, and every unique index on such an id, or on an application's
 * id (its steps, materials, documents, task), then takes its new entries at its right edge. With random
 * ids every insert lands on a random leaf page: once the index outgrows memory that is a read per insert,
 * after every checkpoint the first change to each page writes the whole page to the WAL, and pages split
 * half-full. 74 random bits remain: an id is as hard to guess as it needs to be (it is not a secret; every
 * read checks who may see the row). Security tokens and request ids stay random.
 */
export function newId(): string {
  return v7();
}
