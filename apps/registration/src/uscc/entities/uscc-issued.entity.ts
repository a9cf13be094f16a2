import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** Every USCC this service assigned; the primary key is the last guard against a code issued twice. */
@Entity('uscc_issued')
export class UsccIssuedEntity {
  @PrimaryColumn('text') uscc!: string;
  @Column('uuid') registrationId!: string;
  @Column('text') authority!: string;
  @Column('text') entityType!: string;
  @Column('text') division!: string;
  /** The value drawn from the division's sequence, which gave the organisation-code body. */
  @Column('bigint') sequence!: string;
  @CreateDateColumn({ type: 'timestamptz' }) issuedAt!: Date;
}
