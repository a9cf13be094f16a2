import { z } from 'zod';
import { createEnvelope } from './envelope';
import { ContractViolation, defineEvent, EventRegistry } from './registry';
import { dlqTopic, Topics } from './topics';

const Accepted = defineEvent({
  type: 'intake.application.accepted',
  topic: Topics.intakeApplication,
  schema: z.object({ applicationId: z.string(), acceptedOn: z.string() }).strict(),
});
const registry = new EventRegistry([Accepted]);
const actor = { type: 'staff' as const, id: 'clerk-1' };

describe('event contracts', () => {
  it('accepts a well-formed event and returns its parsed payload', () => {
    const e = createEnvelope({
      type: Accepted.type,
      source: 'intake',
      subject: 'A1',
      actor,
      data: { applicationId: 'A1', acceptedOn: '2026-11-23' },
    });
    expect(registry.validate(e, Topics.intakeApplication).data).toEqual({
      applicationId: 'A1',
      acceptedOn: '2026-11-23',
    });
  });

  it('refuses a payload that breaks its schema, naming the field', () => {
    const e = createEnvelope({
      type: Accepted.type,
      source: 'intake',
      subject: 'A1',
      actor,
      data: { applicationId: 42 },
    });
    try {
      registry.validate(e);
      throw new Error('should have thrown');
    } catch (err) {
      expect(err).toBeInstanceOf(ContractViolation);
      expect((err as ContractViolation).issues.map((i) => i.path)).toEqual(
        expect.arrayContaining(['applicationId', 'acceptedOn']),
      );
    }
  });

  it('refuses unknown types, unknown envelope fields, and events on the wrong topic', () => {
    const ok = createEnvelope({
      type: Accepted.type,
      source: 'intake',
      subject: 'A1',
      actor,
      data: { applicationId: 'A1', acceptedOn: 'x' },
    });
    expect(() => registry.validate({ ...ok, type: 'intake.application.nope' })).toThrow(/unknown event type/);
    expect(() => registry.validate({ ...ok, extra: 1 })).toThrow(/invalid envelope/);
    expect(() => registry.validate(ok, 'registration.enterprise.v1')).toThrow(/wrong topic/);
    expect(() => registry.validate('not json')).toThrow(ContractViolation);
  });

  it('names dead-letter topics after their topic', () => {
    expect(dlqTopic('intake.application.v1')).toBe('intake.application.v1.dlq');
    expect(dlqTopic('intake.application.v1.dlq')).toBe('intake.application.v1.dlq');
  });
});
