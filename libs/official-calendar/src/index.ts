export * from './official-calendar-year.entity';
export * from './official-calendar-years.migration';
export * from './official-calendar-store';
export * from './official-calendar.module';
