import { serviceModule } from '@onewindow/service';
import { registrationDefinition } from './service-definition';

export const AppModule = serviceModule(registrationDefinition);
