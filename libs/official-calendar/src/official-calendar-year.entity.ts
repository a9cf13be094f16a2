import type { HolidayYear } from '@onewindow/calendar';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A year of the State Council holiday notice published at run time (an administrator's upload, or the
 * event that carried it to this service). The repo's holidays-cn.json holds the reviewed years; this
 * table holds the ones added since, so every process of the service, and every restart, counts on them.
 */
@Entity('official_calendar_year')
export class OfficialCalendarYearRow {
  @PrimaryColumn('int') year!: number;
  @Column('jsonb') days!: HolidayYear;
  /** The notice cited (e.g. 国办发明电〔2026〕x号). */
  @Column('text') source!: string;
  @Column('text') publishedBy!: string;
  @Column('timestamptz') publishedAt!: Date;
}
