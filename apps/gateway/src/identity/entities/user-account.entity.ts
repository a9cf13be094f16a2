import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { AdminLevel } from '@onewindow/auth';

export type AccountType = 'citizen' | 'enterprise' | 'staff';

/**
 * A person or enterprise that logs in (G2). Never returned as is: responses are built field by
 * field, because `residentId` is personal data shown only to its owner (S6).
 */
@Entity('user_account')
export class UserAccountEntity {
  /** The principal's `sub`: a random id, not the ID number, so tokens and logs carry no personal data. */
  @PrimaryColumn('uuid')
  id!: string;

  /** Lower-cased; unique. */
  @Column('text')
  username!: string;

  /** Null for accounts that only sign in through the external OIDC issuer. */
  @Column('text', { nullable: true })
  passwordHash!: string | null;

  @Column('text')
  principalType!: AccountType;

  @Column('text')
  displayName!: string;

  /** Citizens: GB 11643 resident ID. Stored for matching applications; shown only to the owner. */
  @Column('text', { nullable: true })
  residentId!: string | null;

  /** Enterprises: GB 32100 unified social credit code. */
  @Column('text', { nullable: true })
  uscc!: string | null;

  /** Enterprises: the user id of the authorised agent (a citizen account) acting for it. */
  @Column('text', { nullable: true })
  agentSub!: string | null;

  /** Staff: department code (none for centre window staff), org unit, division, level, roles. */
  @Column('text', { nullable: true })
  department!: string | null;

  @Column('text', { nullable: true })
  orgUnit!: string | null;

  @Column('text', { nullable: true })
  division!: string | null;

  @Column('text', { nullable: true })
  level!: AdminLevel | null;

  @Column('text', { array: true, default: () => `'{}'` })
  roles!: string[];

  /** Accounts created by the external OIDC exchange: the issuer and its `sub`. */
  @Column('text', { nullable: true })
  externalIssuer!: string | null;

  @Column('text', { nullable: true })
  externalSubject!: string | null;

  @Column('boolean', { default: false })
  disabled!: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
