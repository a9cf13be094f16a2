import type { ApplicationEntity } from '../entities/application.entity';

/** What every document of an application prints, and whom it belongs to (the documents feature lets the owner read it). */
export function docFields(
  app: Pick<ApplicationEntity, 'applicantSubject' | 'applicantName' | 'itemCode' | 'itemName'>,
) {
  return {
    applicantSubject: app.applicantSubject,
    applicantName: app.applicantName,
    itemCode: app.itemCode,
    itemName: app.itemName,
  };
}
