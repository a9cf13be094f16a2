import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { SignedLicenceViewDto } from './dto/licence.dto';

/** Every query of the register of licences, `licence`. */
@Injectable()
export class LicenceRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async insert(
    m: EntityManager,
    l: {
      number: string;
      registrationId: string;
      uscc: string;
      document: unknown;
      canonical: string;
      signature: string;
      kid: string;
      alg: string;
      issuedAt: Date;
    },
  ): Promise<void> {
    await m.query(
      'insert into licence (number, registration_id, uscc, document, canonical, signature, kid, alg, issued_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $9)',
      [l.number, l.registrationId, l.uscc, l.document, l.canonical, l.signature, l.kid, l.alg, l.issuedAt],
    );
  }

  /** The signed licence as published: document, canonical text, signature, kid, alg. */
  async findSigned(number: string): Promise<SignedLicenceViewDto | undefined> {
    const [row] = await this.ds.query(
      'select document, canonical, signature, kid, alg from licence where number = $1',
      [number],
    );
    return row;
  }

  /** The register's entry for a licence number, for verification. */
  async findEntry(number: string): Promise<{ number: string; uscc: string; name: string } | undefined> {
    const [row] = await this.ds.query("select number, uscc, document->>'name' as name from licence where number = $1", [
      number,
    ]);
    return row;
  }

  /** The date established printed on the licence. */
  async findEstablishedOn(number: string | null): Promise<{ establishedOn: string } | undefined> {
    const [licence] = await this.ds.query(
      `select document->>'establishedOn' as "establishedOn" from licence where number = $1`,
      [number],
    );
    return licence;
  }
}
