import { serviceModule } from '@onewindow/service';
import { intakeDefinition } from './service-definition';

export const AppModule = serviceModule(intakeDefinition);
