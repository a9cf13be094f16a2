import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { OutboxEventEntity, OutboxRow } from '@onewindow/messaging';
import { groupCommitWrites } from '@onewindow/observability';
import { GroupCommit, MultiInsert, pgPool } from '@onewindow/persistence';
import { DataSource, ObjectLiteral } from 'typeorm';
import { DocumentEntity } from '../documents/entities/document.entity';
import { ApplicationEntity } from './entities/application.entity';
import { ApplicationMaterialEntity } from './entities/application-material.entity';
import { ApplicationStepEntity } from './entities/application-step.entity';

/**
 * Submissions written together (docs/adr/0017): at most this many statements in flight, each taking
 * up to maxBatch submissions that gathered meanwhile. The pool keeps its other connections for reads
 * and the rest of the service.
 */
const RECEIPT_GROUP_COMMIT = {
  maxInFlight: Number(process.env.OW_INTAKE_SUBMIT_IN_FLIGHT ?? 2),
  maxBatch: Number(process.env.OW_INTAKE_SUBMIT_BATCH ?? 64),
  onStatement: (writes: number) => groupCommitWrites.observe({ statement: 'intake-receipt' }, writes),
};

/** The rows of one submission, written together or not at all. */
export interface ReceiptRows {
  applications: ApplicationEntity[];
  materials: ApplicationMaterialEntity[];
  documents: DocumentEntity[];
  steps: ApplicationStepEntity[];
  events: OutboxRow[];
}

/** The writes of the submission's hot path (docs/adr/0016): case numbers in blocks, and the receipt in one statement. */
@Injectable()
export class ApplicationReceiptRepository implements OnModuleInit {
  private receiptStatement?: GroupCommit<ObjectLiteral[][]>;

  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Built at start, so a bad OW_INTAKE_SUBMIT_* value stops the service instead of failing submissions. */
  onModuleInit(): void {
    this.receiptInsert();
  }

  /**
   * Reserves `size` case numbers of a division and day: the counter row is bumped outside the submit,
   * so submissions neither queue on its row lock nor pay a round trip each.
   */
  async reserveCaseNumbers(division: string, day: string, size: number): Promise<number[]> {
    const { rows } = await pgPool(this.ds).query({
      name: 'application_numbers',
      text: `insert into application_number_counter (division, day, last) values ($1, $2, $3)
               on conflict (division, day) do update set last = application_number_counter.last + $3 returning last`,
      values: [division, day, size],
    });
    const last = Number(rows[0].last);
    return Array.from({ length: size }, (_, i) => last - size + 1 + i);
  }

  /** Writes a submission's rows; resolves once the statement holding them committed. */
  async write(rows: ReceiptRows): Promise<void> {
    await this.receiptInsert().write([rows.applications, rows.materials, rows.documents, rows.steps, rows.events]);
  }

  /**
   * application, materials, documents, timeline steps and outbox events of a submission: one statement,
   * shared by the submissions that arrive together (group commit, docs/adr/0017).
   */
  private receiptInsert(): GroupCommit<ObjectLiteral[][]> {
    this.receiptStatement ??= new MultiInsert(this.ds, [
      { target: ApplicationEntity },
      { target: ApplicationMaterialEntity },
      { target: DocumentEntity },
      { target: ApplicationStepEntity },
      { target: OutboxEventEntity, omit: ['publishedAt', 'attempts', 'lastError'] },
    ]).grouped(RECEIPT_GROUP_COMMIT);
    return this.receiptStatement;
  }
}
