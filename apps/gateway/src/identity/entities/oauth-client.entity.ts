import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A department system that authenticates with client credentials and acts as a `system` principal (G2, G7). */
@Entity('oauth_client')
export class OAuthClientEntity {
  @PrimaryColumn('text')
  clientId!: string;

  @Column('text')
  name!: string;

  /** scrypt hash of the client secret, same format as passwords. */
  @Column('text')
  secretHash!: string;

  /** The department the system belongs to; its tokens are scoped to it. */
  @Column('text')
  department!: string;

  @Column('text', { array: true, default: () => `'{}'` })
  scopes!: string[];

  @Column('boolean', { default: false })
  disabled!: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
