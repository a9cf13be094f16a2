import { DynamicModule, Module, type Provider } from '@nestjs/common';
import { CalendarConsumer } from './calendar-consumer';
import { StepDueCorrection } from './step-due-correction.service';

/**
 * The official calendar at run time, on registration's side (issue 12): the consumer of the holiday
 * notices and the correction of the steps' provisional due dates. Needs OfficialCalendarModule (the
 * store) and MessagingModule with calendarContracts in the root module; `config` is RegistrationModule's
 * REGISTRATION_CONFIG provider, passed in so both modules hold the same settings.
 */
@Module({})
export class RegistrationCalendarModule {
  static register(config: Provider): DynamicModule {
    return { module: RegistrationCalendarModule, providers: [config, CalendarConsumer, StepDueCorrection] };
  }
}
