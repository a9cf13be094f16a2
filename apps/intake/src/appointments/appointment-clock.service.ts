import { Injectable } from '@nestjs/common';

/**
 * The time appointments and queues run on. Production reads the system clock; tests pin it (slot
 * times and "today's queue" are about the wall clock, and a test must not wait for 09:00 tomorrow).
 */
@Injectable()
export class AppointmentClockService {
  private pinned: Date | null = null;

  now(): Date {
    return this.pinned ? new Date(this.pinned) : new Date();
  }

  /** Tests only: fix the clock (null returns to the system clock). */
  pin(at: Date | null): void {
    this.pinned = at;
  }
}
