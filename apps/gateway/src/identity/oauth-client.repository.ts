import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { OAuthClientEntity } from './entities/oauth-client.entity';

export interface SeededClientRow {
  clientId: string;
  name: string;
  secretHash: string;
  department: string;
  scopes: string[];
}

/** The queries of `oauth_client`. */
@Injectable()
export class OAuthClientRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  findByClientId(clientId: string): Promise<OAuthClientEntity | null> {
    return this.ds.getRepository(OAuthClientEntity).findOne({ where: { clientId } });
  }

  /** Which of these client ids exist. */
  async existingClientIds(m: EntityManager, clientIds: string[]): Promise<Set<string>> {
    return new Set<string>(
      (await m.query(`select client_id from oauth_client where client_id = any($1)`, [clientIds])).map(
        (r: { client_id: string }) => r.client_id,
      ),
    );
  }

  async insertSeeded(m: EntityManager, c: SeededClientRow): Promise<void> {
    await m.query(
      `insert into oauth_client (client_id, name, secret_hash, department, scopes) values ($1, $2, $3, $4, $5) on conflict do nothing`,
      [c.clientId, c.name, c.secretHash, c.department, c.scopes],
    );
  }
}
