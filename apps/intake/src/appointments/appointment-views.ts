import type { AppointmentViewDto, SlotViewDto, TicketViewDto } from './dto/appointment.dto';
import type { AppointmentEntity } from './entities/appointment.entity';
import type { AppointmentSlotEntity } from './entities/appointment-slot.entity';
import type { QueueTicketEntity } from './entities/queue-ticket.entity';

export function slotView(s: AppointmentSlotEntity): SlotViewDto {
  return {
    id: s.id,
    centre: s.centre,
    category: s.category,
    startsAt: s.startsAt.toISOString(),
    endsAt: s.endsAt.toISOString(),
    capacity: s.capacity,
    available: Math.max(s.capacity - s.booked, 0),
  };
}

export function appointmentView(a: AppointmentEntity, s: AppointmentSlotEntity): AppointmentViewDto {
  return {
    id: a.id,
    status: a.status,
    slot: slotView(s),
    bookedAt: a.bookedAt.toISOString(),
    cancelledAt: a.cancelledAt ? a.cancelledAt.toISOString() : null,
    checkedInAt: a.checkedInAt ? a.checkedInAt.toISOString() : null,
  };
}

export function ticketView(t: QueueTicketEntity): TicketViewDto {
  return {
    id: t.id,
    number: t.number,
    centre: t.centre,
    day: t.day,
    category: t.category,
    kind: t.kind,
    status: t.status,
    issuedAt: t.issuedAt.toISOString(),
    windowNo: t.windowNo,
    calledAt: t.calledAt ? t.calledAt.toISOString() : null,
  };
}
