import { ConflictException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ItemVersionCache } from './item-version-cache';
import type { StaffPrincipal } from '@onewindow/auth';
import { InvalidTransitionError } from '@onewindow/http';
import { DataSource, EntityManager } from 'typeorm';
import { assertMayManage, ItemCodeTakenError, ItemNotFoundError, ItemVersionNotFoundError, ItemWithdrawnError, PublicationRejectedError } from './catalogue-errors';
import { searchColumns, toDefinition, toItemVersion } from './catalogue-mapping';
import type { ItemDefinition, ItemVersion } from './catalogue.types';
import type { CreateItemDto, ItemDefinitionBodyDto } from './dto/item-definition.dto';
import { CatalogueDepartmentRow } from './entities/catalogue-department.entity';
import { CatalogueItemVersionRow } from './entities/catalogue-item-version.entity';
import { CatalogueItemRow } from './entities/catalogue-item.entity';
import { checkPublicationRules } from './rules/publication-rules';

/**
 * Editing the catalogue (C2, C4). Every change takes the item's row lock first, so two editors
 * acting on one item are serialised: the second sees the first's result and gets a 409 if its step
 * no longer applies (e.g. publishing a version that has just been published).
 */
@Injectable()
export class CatalogueAdminService {
  constructor(@InjectDataSource() private readonly ds: DataSource, private readonly cache: ItemVersionCache) {}

  /** A new item: version 1, a draft. */
  async create(body: CreateItemDto, actor: StaffPrincipal): Promise<ItemVersion> {
    assertMayManage(actor, body.department);
    const definition = toDefinition(body.code, body);
    return this.ds.transaction(async (m) => {
      if (await m.existsBy(CatalogueItemRow, { code: body.code })) throw new ItemCodeTakenError(body.code);
      // A concurrent create of the same code fails on the primary key: 409 from the error filter.
      await m.insert(CatalogueItemRow, { code: body.code, state: 'draft', currentVersion: null, latestVersion: 1, createdBy: actor.sub });
      return toItemVersion(await this.insertDraft(m, definition, 1, actor));
    });
  }

  /** Editing a published item makes a new draft version; the published one keeps serving until the draft is published. */
  async newDraft(code: string, body: ItemDefinitionBodyDto, actor: StaffPrincipal): Promise<ItemVersion> {
    const definition = toDefinition(code, body);
    return this.ds.transaction(async (m) => {
      const item = await this.lockItem(m, code);
      if (item.state === 'withdrawn') throw new ItemWithdrawnError(code, item.withdrawnAt);
      const latest = await m.findOneByOrFail(CatalogueItemVersionRow, { itemCode: code, version: item.latestVersion });
      assertMayManage(actor, latest.department);
      assertMayManage(actor, definition.department);
      if (latest.status === 'draft') {
        throw new ConflictException({
          message: `事项已有草稿版本 ${latest.version}，请修改该草稿 (item already has draft version ${latest.version}: edit it instead)`,
          details: { currentState: 'draft', draftVersion: latest.version },
        });
      }
      const version = item.latestVersion + 1;
      await m.update(CatalogueItemRow, { code }, { latestVersion: version });
      return toItemVersion(await this.insertDraft(m, definition, version, actor));
    });
  }

  /** Replaces the definition of a draft (only drafts change; published versions are immutable). */
  async replaceDraft(code: string, version: number, body: ItemDefinitionBodyDto, actor: StaffPrincipal): Promise<ItemVersion> {
    const definition = toDefinition(code, body);
    return this.ds.transaction(async (m) => {
      const item = await this.lockItem(m, code);
      if (item.state === 'withdrawn') throw new ItemWithdrawnError(code, item.withdrawnAt);
      const row = await m.findOneBy(CatalogueItemVersionRow, { itemCode: code, version });
      if (!row) throw new ItemVersionNotFoundError(code, version);
      assertMayManage(actor, row.department);
      assertMayManage(actor, definition.department);
      if (row.status !== 'draft') throw new InvalidTransitionError('事项版本', row.status, 'edit');
      await m.update(CatalogueItemVersionRow, { itemCode: code, version }, { definition, ...searchColumns(definition) });
      return toItemVersion(await m.findOneByOrFail(CatalogueItemVersionRow, { itemCode: code, version }));
    });
  }

  /**
   * Publishes a draft (C4 rules first: any violation → 422 listing all, nothing changed). The
   * previously published version becomes superseded; applications filed under it keep reading it.
   */
  async publish(code: string, version: number, actor: StaffPrincipal): Promise<ItemVersion> {
    const published = await this.ds.transaction(async (m) => {
      const item = await this.lockItem(m, code);
      if (item.state === 'withdrawn') throw new ItemWithdrawnError(code, item.withdrawnAt);
      const row = await m.findOneBy(CatalogueItemVersionRow, { itemCode: code, version });
      if (!row) throw new ItemVersionNotFoundError(code, version);
      assertMayManage(actor, row.department);
      if (row.status !== 'draft') throw new InvalidTransitionError('事项版本', row.status, 'publish');
      const knownDepartments = new Set((await m.find(CatalogueDepartmentRow, { select: { code: true } })).map((d) => d.code));
      const violations = checkPublicationRules(row.definition, { knownDepartments });
      if (violations.length > 0) throw new PublicationRejectedError(violations);

      const now = new Date();
      // Supersede first: the partial unique index allows one published version per item at any moment.
      if (item.currentVersion !== null) {
        await m.update(CatalogueItemVersionRow, { itemCode: code, version: item.currentVersion }, { status: 'superseded', supersededAt: now });
      }
      await m.update(CatalogueItemVersionRow, { itemCode: code, version }, { status: 'published', publishedAt: now, publishedBy: actor.sub });
      await m.update(CatalogueItemRow, { code }, { state: 'published', currentVersion: version });
      return toItemVersion(await m.findOneByOrFail(CatalogueItemVersionRow, { itemCode: code, version }));
    });
    this.cache.invalidate(code);
    return published;
  }

  /** Withdraws an item for good: no new applications; every version stays readable. */
  async withdraw(code: string, reason: string, actor: StaffPrincipal): Promise<ItemVersion & { withdrawnReason: string }> {
    const withdrawn = await this.ds.transaction(async (m) => {
      const item = await this.lockItem(m, code);
      if (item.state !== 'published' || item.currentVersion === null) throw new InvalidTransitionError('事项', item.state, 'withdraw');
      const current = await m.findOneByOrFail(CatalogueItemVersionRow, { itemCode: code, version: item.currentVersion });
      assertMayManage(actor, current.department);
      const trimmed = reason.trim();
      await m.update(CatalogueItemVersionRow, { itemCode: code, version: item.currentVersion }, { status: 'withdrawn' });
      await m.update(CatalogueItemRow, { code }, { state: 'withdrawn', withdrawnAt: new Date(), withdrawnReason: trimmed, withdrawnBy: actor.sub });
      return { ...toItemVersion({ ...current, status: 'withdrawn' }), withdrawnReason: trimmed };
    });
    this.cache.invalidate(code);
    return withdrawn;
  }

  private async lockItem(m: EntityManager, code: string): Promise<CatalogueItemRow> {
    const item = await m.findOne(CatalogueItemRow, { where: { code }, lock: { mode: 'pessimistic_write' } });
    if (!item) throw new ItemNotFoundError(code);
    return item;
  }

  private async insertDraft(m: EntityManager, definition: ItemDefinition, version: number, actor: StaffPrincipal): Promise<CatalogueItemVersionRow> {
    await m.insert(CatalogueItemVersionRow, { itemCode: definition.code, version, status: 'draft', definition, ...searchColumns(definition), publishedAt: null, publishedBy: null, supersededAt: null, createdBy: actor.sub });
    return m.findOneByOrFail(CatalogueItemVersionRow, { itemCode: definition.code, version });
  }
}
