import { BadRequestException, ConflictException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { StaffPrincipal } from '@onewindow/auth';
import { HolidayDataError, todayInShanghai } from '@onewindow/calendar';
import { CalendarYearPublished } from '@onewindow/contracts';
import { OutboxWriter, runsBackgroundWork } from '@onewindow/messaging';
import { createLogger } from '@onewindow/observability';
import { CalendarYearAlreadyOfficialError, OfficialCalendarStore, PublishedYear } from '@onewindow/official-calendar';
import { DataSource } from 'typeorm';
import type { CalendarViewDto, PublishCalendarYearDto, PublishedCalendarYearViewDto } from './dto/calendar-year.dto';

const logger = createLogger('intake-calendar');

export const PROVISIONAL_RULE =
  '尚无国务院办公厅通知的年份按《全国年节及纪念日放假办法》的法定节假日及周末计算（调休不推测），所涉期限为暂定，通知发布后重新核定 ' +
  '(a year without a notice is counted on its statutory holidays and weekends, make-up working days not guessed; dates through it are provisional and recounted when the notice is published)';

/**
 * Publishing a year of the State Council holiday notice (ADR 0022): checked as the data file is, stored
 * with its event in one transaction (every other service that counts working days consumes it), then
 * counted on by this process at once, by intake's other processes within a refresh interval, and the
 * provisional due dates recounted by a worker.
 */
@Injectable()
export class CalendarPublicationService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly store: OfficialCalendarStore,
    private readonly outbox: OutboxWriter,
  ) {}

  view(today = todayInShanghai()): CalendarViewDto {
    const thisYear = Number(today.slice(0, 4));
    return {
      official: this.store.years(),
      provisional: [thisYear, thisYear + 1].filter((y) => !this.store.calendar.isOfficialYear(y)),
      provisionalRule: PROVISIONAL_RULE,
    };
  }

  async publish(
    p: StaffPrincipal,
    year: number,
    dto: PublishCalendarYearDto,
    traceId?: string,
  ): Promise<PublishedCalendarYearViewDto> {
    const days = { off: dto.off.map((r) => ({ name: r.name, from: r.from, to: r.to })), work: [...dto.work] };
    const published: PublishedYear = { year, days, source: dto.source, publishedBy: p.sub, publishedAt: new Date() };
    try {
      this.store.check(year, days, dto.source);
    } catch (e) {
      throw this.refusal(e);
    }
    await this.ds.transaction(async (m) => {
      await this.store.record(m, published);
      await this.outbox.add(m, CalendarYearPublished, {
        subject: String(year),
        traceId,
        actor: { type: 'staff', id: p.sub },
        data: {
          year,
          ...days,
          source: dto.source,
          publishedBy: p.sub,
          publishedAt: published.publishedAt.toISOString(),
        },
      });
    });
    this.store.apply(published);
    logger.info({ year, by: p.sub }, 'official calendar year published');
    // A worker recounts on its next tick anyway; a process that is one does it now.
    if (runsBackgroundWork())
      void this.store.correct().catch((err) => logger.error({ err }, 'provisional date correction failed'));
    return { year, source: dto.source, publishedBy: p.sub, publishedAt: published.publishedAt.toISOString() };
  }

  private refusal(e: unknown): Error {
    if (e instanceof CalendarYearAlreadyOfficialError)
      return new ConflictException({ message: e.message, details: { year: e.year } });
    if (e instanceof HolidayDataError) {
      return new BadRequestException({
        message: '节假日安排数据无效 (invalid holiday notice data)',
        details: e.problems.map((problem) => ({ field: 'days', problems: [problem] })),
      });
    }
    return e as Error;
  }
}
