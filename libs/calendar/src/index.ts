export * from './iso-date';
export * from './holiday-data';
export * from './calendar-year-missing-error';
export * from './working-calendar';
export * from './official-calendar';
export * from './statutory-holidays';
