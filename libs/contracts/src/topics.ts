/**
 * The topic registry: one topic per aggregate stream, versioned in the name; dead letters go to
 * `<topic>.dlq`. A new stream is added here first, so the topic list in k8s and the docs has one source.
 */
export const Topics = {
  intakeApplication: 'intake.application.v1',
  intakeTask: 'intake.task.v1',
  intakeCalendar: 'intake.calendar.v1',
  registrationEnterprise: 'registration.enterprise.v1',
  registrationStep: 'registration.step.v1',
  projectReviewProject: 'project-review.project.v1',
  tradingTender: 'trading.tender.v1',
  enforcementCase: 'enforcement.case.v1',
  oversightAlert: 'oversight.alert.v1',
} as const;

export type TopicName = (typeof Topics)[keyof typeof Topics];

export const DLQ_SUFFIX = '.dlq';
export function dlqTopic(topic: string): string {
  return topic.endsWith(DLQ_SUFFIX) ? topic : `${topic}${DLQ_SUFFIX}`;
}
