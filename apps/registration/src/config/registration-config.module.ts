import { DynamicModule, Module } from '@nestjs/common';
import { DEPARTMENT_ADAPTERS, defaultAdapters, type DepartmentAdapter } from '../steps/department-adapters';
import {
  REGISTRATION_CONFIG,
  registrationConfigFromEnv,
  type RegistrationConfig,
  type StepDepartment,
} from './registration-config';

/** What a test sets instead of the environment and the default department adapters. */
export interface RegistrationOptions {
  /** The settings; without them, read from the environment once at start. */
  config?: RegistrationConfig;
  /** Department adapters by department; the defaults complete on receipt. Tests put a failing one in. */
  adapters?: Partial<Record<StepDepartment, DepartmentAdapter>>;
}

const REGISTRATION_OPTIONS = Symbol('REGISTRATION_OPTIONS');

/** Holds a test's RegistrationOptions for RegistrationConfigModule (see `override`). */
@Module({})
class RegistrationOptionsModule {}

/**
 * The service's settings (REGISTRATION_CONFIG) and department adapters (DEPARTMENT_ADAPTERS), one
 * instance for every feature, so all count on the same time limit. Global; a platform module of the
 * service definition (`register()`). A test sets its own by adding `override(opts)` to the service's
 * extra modules: `serviceModule(registrationDefinition, { extra: [RegistrationConfigModule.override(opts)] })`.
 */
@Module({})
export class RegistrationConfigModule {
  static register(): DynamicModule {
    const options = { token: REGISTRATION_OPTIONS, optional: true };
    return {
      module: RegistrationConfigModule,
      global: true,
      providers: [
        {
          provide: REGISTRATION_CONFIG,
          inject: [options],
          useFactory: (o?: RegistrationOptions): RegistrationConfig => o?.config ?? registrationConfigFromEnv(),
        },
        {
          provide: DEPARTMENT_ADAPTERS,
          inject: [options],
          useFactory: (o?: RegistrationOptions): Record<StepDepartment, DepartmentAdapter> => ({
            ...defaultAdapters,
            ...o?.adapters,
          }),
        },
      ],
      exports: [REGISTRATION_CONFIG, DEPARTMENT_ADAPTERS],
    };
  }

  /** A test's settings and adapters in place of the environment's and the defaults. */
  static override(opts: RegistrationOptions): DynamicModule {
    return {
      module: RegistrationOptionsModule,
      global: true,
      providers: [{ provide: REGISTRATION_OPTIONS, useValue: opts }],
      exports: [REGISTRATION_OPTIONS],
    };
  }
}
