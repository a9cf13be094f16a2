import { addDays, CalendarYearMissingError, toDayNumber, type IsoDate } from '@onewindow/calendar';
import { intakeCalendar } from '../deadlines/intake-calendar';

/** A request to open slots: every day in [fromDate, toDate], from dailyStart to dailyEnd, slotMinutes each. */
export interface SlotRange {
  fromDate: IsoDate;
  toDate: IsoDate;
  /** 'HH:mm', Asia/Shanghai. */
  dailyStart: string;
  dailyEnd: string;
  slotMinutes: number;
  /** Skip weekends and public holidays on the official calendar (default true). */
  workingDaysOnly?: boolean;
}

export const MAX_RANGE_DAYS = 62;
export const MAX_SLOTS_PER_REQUEST = 2000;

export class SlotPlanError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SlotPlanError';
  }
}

const minutesOf = (hhmm: string) => {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  if (!m) throw new SlotPlanError(`时间应为 HH:mm (time must be HH:mm): ${hhmm}`);
  return Number(m[1]) * 60 + Number(m[2]);
};

const pad = (n: number) => String(n).padStart(2, '0');

/** The instant at which `date` `minutes` after midnight begins in Asia/Shanghai (fixed UTC+8). */
export function shanghaiInstant(date: IsoDate, minutes: number): Date {
  return new Date(`${date}T${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}:00+08:00`);
}

/** Expands a range into slot start/end instants (pure). Throws SlotPlanError for a range it refuses. */
export function planSlots(r: SlotRange): { startsAt: Date; endsAt: Date }[] {
  const start = minutesOf(r.dailyStart);
  const end = minutesOf(r.dailyEnd);
  if (end <= start) throw new SlotPlanError('结束时间须晚于开始时间 (dailyEnd must be after dailyStart)');
  if (!Number.isInteger(r.slotMinutes) || r.slotMinutes < 5 || r.slotMinutes > 480)
    throw new SlotPlanError('时段长度须为 5 至 480 分钟 (slotMinutes must be 5-480)');
  const days = toDayNumber(r.toDate) - toDayNumber(r.fromDate) + 1;
  if (days < 1) throw new SlotPlanError('结束日期不能早于开始日期 (toDate must not be before fromDate)');
  if (days > MAX_RANGE_DAYS)
    throw new SlotPlanError(`一次最多开放 ${MAX_RANGE_DAYS} 天 (at most ${MAX_RANGE_DAYS} days per request)`);
  const perDay = Math.floor((end - start) / r.slotMinutes);
  if (perDay < 1) throw new SlotPlanError('时段长度超过每日开放时间 (slotMinutes longer than the opening hours)');
  if (perDay * days > MAX_SLOTS_PER_REQUEST)
    throw new SlotPlanError(
      `一次最多开放 ${MAX_SLOTS_PER_REQUEST} 个时段 (at most ${MAX_SLOTS_PER_REQUEST} slots per request)`,
    );

  const slots: { startsAt: Date; endsAt: Date }[] = [];
  for (let d = 0; d < days; d++) {
    const date = addDays(r.fromDate, d);
    if (r.workingDaysOnly !== false) {
      // No holiday notice for that year yet: refuse rather than open slots on a possible make-up day or
      // holiday. The calendar is intake's own, so a notice published at run time opens the year (ADR 0022).
      const year = Number(date.slice(0, 4));
      if (!intakeCalendar.isOfficialYear(year))
        throw new SlotPlanError(new CalendarYearMissingError(year, intakeCalendar.coverage()).message);
      if (!intakeCalendar.isWorkingDay(date)) continue;
    }
    for (let i = 0; i < perDay; i++) {
      const from = start + i * r.slotMinutes;
      slots.push({ startsAt: shanghaiInstant(date, from), endsAt: shanghaiInstant(date, from + r.slotMinutes) });
    }
  }
  return slots;
}
