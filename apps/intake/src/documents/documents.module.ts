import { Global, Module } from '@nestjs/common';
import { DocumentRepository } from './document.repository';
import { DocumentService } from './document.service';
import { DocumentEntity } from './entities/document.entity';
import { DocumentsController } from './documents.controller';
import { DocumentIssuer } from './documents.types';
import { DocumentsRenderedOnRead1764100000000 } from './migrations/1764100000000-documents-rendered-on-read';
import { DocumentPayloadStatistics1764150000000 } from './migrations/1764150000000-document-payload-statistics';
import { Documents1764020000000 } from './migrations/1764020000000-documents';
import { VerificationController } from './verification.controller';

export const documentEntities = [DocumentEntity];
export const documentMigrations = [
  Documents1764020000000,
  DocumentsRenderedOnRead1764100000000,
  DocumentPayloadStatistics1764150000000,
];

/**
 * Standard documents (A13). Global, so every feature that issues documents inside its own
 * transactions (applications, fees) can inject `DocumentIssuer` without importing this module.
 */
@Global()
@Module({
  controllers: [DocumentsController, VerificationController],
  providers: [DocumentRepository, DocumentService, { provide: DocumentIssuer, useExisting: DocumentService }],
  exports: [DocumentIssuer, DocumentService],
})
export class DocumentsModule {}
