import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CalendarYearPublished, Topics, type EventEnvelope, type PayloadOf } from '@onewindow/contracts';
import { ConsumerHost, on } from '@onewindow/messaging';
import {
  CalendarYearAlreadyOfficialError,
  OfficialCalendarStore,
  type PublishedYear,
} from '@onewindow/official-calendar';
import { afterCommit, installAfterCommit } from '@onewindow/persistence';
import { DataSource, EntityManager } from 'typeorm';

type YearPublished = PayloadOf<typeof CalendarYearPublished>;

/** The inbox consumer's name: its Kafka group and its key in inbox_event and dead_letter. */
export const CALENDAR_CONSUMER = 'registration-calendar';

/**
 * Takes the holiday notices intake publishes (ADR 0022): each year is stored in this service's database
 * in the inbox transaction (so a repeat is skipped and a crash replays it), merged into the calendar the
 * service counts on once that transaction has committed, and then the provisional due dates it touches
 * are recounted (StepDueCorrectionService) outside it. A notice that does not hold together (HolidayDataError)
 * fails the handler on every attempt and so ends on `intake.calendar.v1.dlq`; one for a year already
 * official here is skipped.
 */
@Injectable()
export class CalendarConsumer implements OnModuleInit {
  private readonly log = new Logger('calendar-consumer');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly host: ConsumerHost,
    private readonly store: OfficialCalendarStore,
  ) {}

  onModuleInit(): void {
    installAfterCommit(this.ds);
    this.host.register({
      name: CALENDAR_CONSUMER,
      topics: [Topics.intakeCalendar],
      handlers: [on(CalendarYearPublished, (e, m) => this.onYearPublished(e, m))],
    });
  }

  async onYearPublished(event: EventEnvelope<YearPublished>, m: EntityManager): Promise<void> {
    const d = event.data;
    const year: PublishedYear = {
      year: d.year,
      days: { off: d.off, work: d.work },
      source: d.source,
      publishedBy: d.publishedBy,
      publishedAt: new Date(d.publishedAt),
    };
    try {
      await this.store.record(m, year);
    } catch (err) {
      if (!(err instanceof CalendarYearAlreadyOfficialError)) throw err;
      this.log.log({ year: d.year, eventId: event.id }, 'holiday notice for a year already official here: skipped');
      return;
    }
    afterCommit(m, () => this.merge(year));
  }

  /** After the commit: the calendar counts on the year from now on, and the dates counted without it are recounted. */
  private merge(year: PublishedYear): void {
    const added = this.store.apply(year);
    this.log.log({ year: year.year, added, source: year.source }, 'official holiday notice stored');
    // Detached: the inbox goes on while the steps are recounted (under the store's advisory lock).
    setImmediate(
      () =>
        void this.store
          .correct()
          .catch((err) => this.log.error({ err: (err as Error).message }, 'provisional due date correction failed')),
    );
  }
}
