import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { RefreshTokenEntity } from './entities/refresh-token.entity';

/** The queries of `refresh_token` (stored as the SHA-256 of the token). */
@Injectable()
export class RefreshTokenRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** The token's row, locked for the caller's transaction (two refreshes of one token run one after the other). */
  findByHashForUpdate(m: EntityManager, tokenHash: string): Promise<RefreshTokenEntity | null> {
    return m
      .getRepository(RefreshTokenEntity)
      .createQueryBuilder('t')
      .setLock('pessimistic_write')
      .where('t.token_hash = :h', { h: tokenHash })
      .getOne();
  }

  findByHash(tokenHash: string): Promise<RefreshTokenEntity | null> {
    return this.ds.getRepository(RefreshTokenEntity).findOne({ where: { tokenHash } });
  }

  /** Revokes every token of the family not yet revoked. */
  async revokeFamily(familyId: string, m: EntityManager = this.ds.manager): Promise<void> {
    await m.getRepository(RefreshTokenEntity).update({ familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  async insert(
    m: EntityManager,
    row: Pick<
      RefreshTokenEntity,
      'id' | 'tokenHash' | 'userId' | 'familyId' | 'expiresAt' | 'revokedAt' | 'replacedBy'
    >,
  ): Promise<void> {
    await m.getRepository(RefreshTokenEntity).insert(row);
  }

  /** Revokes a used token and names the one that replaced it. */
  async markReplaced(m: EntityManager, id: string, replacedBy: string): Promise<void> {
    await m.getRepository(RefreshTokenEntity).update({ id }, { revokedAt: new Date(), replacedBy });
  }
}
