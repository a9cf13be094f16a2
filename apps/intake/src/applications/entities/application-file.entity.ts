import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * An uploaded material file, stored in Postgres (bytea): one backup, one transaction with the material
 * row it fills, no second store to keep consistent. Files are at most 10 MiB (MAX_MATERIAL_BYTES).
 */
@Entity('application_file')
export class ApplicationFileEntity {
  @PrimaryColumn('uuid') id!: string;
  @Index() @Column('uuid') applicationId!: string;
  @Column('text') materialCode!: string;
  @Column('text') contentType!: string;
  @Column('int') size!: number;
  @Column('text') sha256!: string;
  @Column('bytea', { select: false }) data!: Buffer;
  @Column('text') uploadedBy!: string;
  @CreateDateColumn({ type: 'timestamptz' }) uploadedAt!: Date;
}
