import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A business licence issued as an e-licence: the document, the exact bytes signed, and the signature. */
@Entity('licence')
export class LicenceEntity {
  @PrimaryColumn('text') number!: string;
  @Column('uuid') registrationId!: string;
  @Column('text') uscc!: string;
  @Column('jsonb') document!: Record<string, unknown>;
  /** The canonical JSON that was signed, kept verbatim. */
  @Column('text') canonical!: string;
  @Column('text') signature!: string;
  @Column('text') kid!: string;
  @Column('text') alg!: string;
  @Column('timestamptz') issuedAt!: Date;
}
