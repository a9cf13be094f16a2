import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * A refresh token, stored as the SHA-256 of its value (the value is 32 random bytes, so a slow hash
 * adds nothing). Rotation: each use revokes it and issues the next in the same family; presenting a
 * revoked token again means it was copied, and the whole family is revoked.
 */
@Entity('refresh_token')
export class RefreshTokenEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text')
  tokenHash!: string;

  @Column('uuid')
  userId!: string;

  @Column('uuid')
  familyId!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column('timestamptz')
  expiresAt!: Date;

  @Column('timestamptz', { nullable: true })
  revokedAt!: Date | null;

  @Column('uuid', { nullable: true })
  replacedBy!: string | null;
}
