import { Module } from '@nestjs/common';
import { AppointmentClockService } from './appointment-clock.service';
import { AppointmentRepository } from './appointment.repository';
import { AppointmentService } from './appointment.service';
import { AppointmentSlotRepository } from './appointment-slot.repository';
import { AppointmentsController } from './appointments.controller';
import { AppointmentEntity } from './entities/appointment.entity';
import { AppointmentSlotEntity } from './entities/appointment-slot.entity';
import { QueueTicketEntity } from './entities/queue-ticket.entity';
import { Appointments1764050000000 } from './migrations/1764050000000-appointments';
import { QueueController } from './queue.controller';
import { QueueService } from './queue.service';
import { QueueTicketRepository } from './queue-ticket.repository';

export const appointmentEntities = [AppointmentSlotEntity, AppointmentEntity, QueueTicketEntity];
export const appointmentMigrations = [Appointments1764050000000];

/** Appointments (预约) and queue tickets (叫号), A11. */
@Module({
  controllers: [AppointmentsController, QueueController],
  providers: [
    AppointmentSlotRepository,
    AppointmentRepository,
    QueueTicketRepository,
    AppointmentClockService,
    AppointmentService,
    QueueService,
  ],
  exports: [AppointmentService, QueueService],
})
export class AppointmentsModule {}
