import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, EntityManager, In } from 'typeorm';
import type { ItemDefinition } from './catalogue.types';
import type { ItemSearchQueryDto } from './dto/catalogue-query.dto';
import { CatalogueItemEntity } from './entities/catalogue-item.entity';
import { CatalogueItemVersionEntity } from './entities/catalogue-item-version.entity';

/** LIKE treats % _ and \ specially; a user's query is matched literally. */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The queries of the items (`catalogue_item`) and their versions (`catalogue_item_version`). */
@Injectable()
export class CatalogueItemRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  // ---- items ----

  findItem(code: string): Promise<CatalogueItemEntity | null> {
    return this.ds.getRepository(CatalogueItemEntity).findOneBy({ code });
  }

  itemsByCodes(codes: string[]): Promise<CatalogueItemEntity[]> {
    return this.ds.getRepository(CatalogueItemEntity).findBy({ code: In(codes) });
  }

  exists(m: EntityManager, code: string): Promise<boolean> {
    return m.existsBy(CatalogueItemEntity, { code });
  }

  /** The item with its row locked until the transaction ends: edits of one item are serialised. */
  lockItem(m: EntityManager, code: string): Promise<CatalogueItemEntity | null> {
    return m.findOne(CatalogueItemEntity, { where: { code }, lock: { mode: 'pessimistic_write' } });
  }

  async insertItem(m: EntityManager, row: Partial<CatalogueItemEntity>): Promise<void> {
    await m.insert(CatalogueItemEntity, row);
  }

  async updateItem(m: EntityManager, code: string, changes: Partial<CatalogueItemEntity>): Promise<void> {
    await m.update(CatalogueItemEntity, { code }, changes);
  }

  /** Seeding takes this transaction-level lock first, so replicas starting together seed once. */
  async lockForSeeding(m: EntityManager): Promise<void> {
    await m.query('select pg_advisory_xact_lock(hashtext($1))', ['catalogue-seed']);
  }

  // ---- versions ----

  findVersion(
    itemCode: string,
    version: number,
    m: EntityManager = this.ds.manager,
  ): Promise<CatalogueItemVersionEntity | null> {
    return m.findOneBy(CatalogueItemVersionEntity, { itemCode, version });
  }

  /** A version known to exist (the item's current or latest one). */
  getVersion(
    itemCode: string,
    version: number,
    m: EntityManager = this.ds.manager,
  ): Promise<CatalogueItemVersionEntity> {
    return m.findOneByOrFail(CatalogueItemVersionEntity, { itemCode, version });
  }

  async insertVersion(m: EntityManager, row: Partial<CatalogueItemVersionEntity>): Promise<void> {
    await m.insert(CatalogueItemVersionEntity, row as never);
  }

  async updateVersion(
    m: EntityManager,
    itemCode: string,
    version: number,
    changes: Partial<CatalogueItemVersionEntity>,
  ): Promise<void> {
    await m.update(CatalogueItemVersionEntity, { itemCode, version }, changes as never);
  }

  /** An item's versions with their status and dates (no definitions), oldest first. */
  versionsOf(itemCode: string): Promise<CatalogueItemVersionEntity[]> {
    return this.ds.getRepository(CatalogueItemVersionEntity).find({
      where: { itemCode },
      select: { itemCode: true, version: true, status: true, publishedAt: true, supersededAt: true },
      order: { version: 'ASC' },
    });
  }

  publishedOf(itemCodes: string[]): Promise<CatalogueItemVersionEntity[]> {
    return this.ds.getRepository(CatalogueItemVersionEntity).findBy({ itemCode: In(itemCodes), status: 'published' });
  }

  /**
   * A page of the published versions matching the filters, by code, and how many match. `q` is matched
   * as a substring of the name and themes (ILIKE, served by the trigram index) or as a prefix of the code.
   */
  search(f: ItemSearchQueryDto, skip: number, take: number): Promise<[CatalogueItemVersionEntity[], number]> {
    const qb = this.ds
      .getRepository(CatalogueItemVersionEntity)
      .createQueryBuilder('v')
      .where(`v.status = 'published'`);
    const q = f.q?.trim();
    if (q) {
      qb.andWhere(
        new Brackets((w) => {
          w.where('v.searchText ILIKE :pattern', { pattern: `%${escapeLike(q)}%` }).orWhere('v.itemCode LIKE :prefix', {
            prefix: `${escapeLike(q.toUpperCase())}%`,
          });
        }),
      );
    }
    if (f.department) qb.andWhere('v.department = :department', { department: f.department });
    if (f.level) qb.andWhere('v.level = :level', { level: f.level });
    if (f.kind) qb.andWhere('v.kind = :kind', { kind: f.kind });
    if (f.theme) qb.andWhere('v.themes @> ARRAY[:theme]::text[]', { theme: f.theme });
    if (f.online !== undefined) qb.andWhere('v.online = :online', { online: f.online });
    return qb.orderBy('v.itemCode', 'ASC').skip(skip).take(take).getManyAndCount();
  }

  /** Every published version's department and definition (the C4 report). */
  publishedDefinitions(): Promise<{ department: string; definition: ItemDefinition }[]> {
    return this.ds.query(`select department, definition from catalogue_item_version where status = 'published'`);
  }
}
