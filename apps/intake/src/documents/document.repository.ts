import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { pgPool } from '@onewindow/persistence';
import { DataSource, EntityManager } from 'typeorm';
import { DocumentEntity } from './entities/document.entity';

/** The queries of the issued documents (`document`) and their number sequence. */
@Injectable()
export class DocumentRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** `size` numbers of the document sequence, in one round trip (the hot path reserves them in blocks). */
  async reserveNumbers(size: number): Promise<number[]> {
    const rows: { n: string }[] = await pgPool(this.ds)
      .query({
        name: 'document_numbers',
        text: `select nextval('document_number_seq')::text as n from generate_series(1, $1)`,
        values: [size],
      })
      .then((r) => r.rows);
    return rows.map((r) => Number(r.n));
  }

  async insert(m: EntityManager, row: DocumentEntity): Promise<void> {
    // (cast: a jsonb Record<string, unknown> does not satisfy TypeORM's deep-partial insert type)
    await m.insert(DocumentEntity, row as never);
  }

  find(id: string): Promise<DocumentEntity | null> {
    return this.ds.manager.findOne(DocumentEntity, { where: { id } });
  }

  findByVerificationCode(code: string): Promise<DocumentEntity | null> {
    return this.ds.manager.findOne(DocumentEntity, { where: { verificationCode: code } });
  }

  /** The documents of one application, oldest first. */
  ofApplication(m: EntityManager, applicationId: string): Promise<DocumentEntity[]> {
    return m.find(DocumentEntity, { where: { applicationId }, order: { issuedAt: 'ASC' } });
  }
}
