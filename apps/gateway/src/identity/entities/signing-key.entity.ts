import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { JWK } from 'jose';

/**
 * The gateway's ES256 token-signing keys (embedded default; OW_JWT_PRIVATE_KEY_FILE overrides, see
 * the module README). A key is published in the JWKS from creation (before it signs anything, so
 * every verifier has it when the first token appears) until its last token has expired.
 */
@Entity('signing_key')
export class SigningKeyEntity {
  @PrimaryColumn('text')
  kid!: string;

  @Column('text')
  alg!: string;

  @Column('jsonb')
  publicJwk!: JWK;

  /** Private JWK in clear in the service's own database: acceptable for the embedded default only. */
  @Column('jsonb')
  privateJwk!: JWK;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  /** Signs from this time on (rotation publishes a key ahead of use). */
  @Column('timestamptz')
  activatesAt!: Date;

  /** Stops signing at this time (set when a newer key takes over); still published for one token lifetime after. */
  @Column('timestamptz', { nullable: true })
  retiresAt!: Date | null;
}
