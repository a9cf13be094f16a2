import { ConflictException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ItemVersionCacheService } from './item-version-cache.service';
import type { StaffPrincipal } from '@onewindow/auth';
import { InvalidTransitionError } from '@onewindow/http';
import { DataSource, EntityManager } from 'typeorm';
import { CatalogueDepartmentRepository } from './catalogue-department.repository';
import {
  assertMayManage,
  ItemCodeTakenError,
  ItemNotFoundError,
  ItemVersionNotFoundError,
  ItemWithdrawnError,
  PublicationRejectedError,
} from './catalogue-errors';
import { CatalogueItemRepository } from './catalogue-item.repository';
import { searchColumns, toDefinition, toItemVersion } from './catalogue-mapping';
import type { ItemDefinition, ItemVersion } from './catalogue.types';
import type { CreateItemDto, ItemDefinitionBodyDto } from './dto/item-definition.dto';
import type { CatalogueItemVersionEntity } from './entities/catalogue-item-version.entity';
import type { CatalogueItemEntity } from './entities/catalogue-item.entity';
import { checkPublicationRules } from './rules/publication-rules';

/**
 * Editing the catalogue (C2, C4). Every change takes the item's row lock first, so two editors
 * acting on one item are serialised: the second sees the first's result and gets a 409 if its step
 * no longer applies (e.g. publishing a version that has just been published).
 */
@Injectable()
export class CatalogueAdminService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly cache: ItemVersionCacheService,
    private readonly items: CatalogueItemRepository,
    private readonly departments: CatalogueDepartmentRepository,
  ) {}

  /** A new item: version 1, a draft. */
  async create(body: CreateItemDto, actor: StaffPrincipal): Promise<ItemVersion> {
    assertMayManage(actor, body.department);
    const definition = toDefinition(body.code, body);
    return this.ds.transaction(async (m) => {
      if (await this.items.exists(m, body.code)) throw new ItemCodeTakenError(body.code);
      // A concurrent create of the same code fails on the primary key: 409 from the error filter.
      await this.items.insertItem(m, {
        code: body.code,
        state: 'draft',
        currentVersion: null,
        latestVersion: 1,
        createdBy: actor.sub,
      });
      return toItemVersion(await this.insertDraft(m, definition, 1, actor));
    });
  }

  /** Editing a published item makes a new draft version; the published one keeps serving until the draft is published. */
  async newDraft(code: string, body: ItemDefinitionBodyDto, actor: StaffPrincipal): Promise<ItemVersion> {
    const definition = toDefinition(code, body);
    return this.ds.transaction(async (m) => {
      const item = await this.lockItem(m, code);
      if (item.state === 'withdrawn') throw new ItemWithdrawnError(code, item.withdrawnAt);
      const latest = await this.items.getVersion(code, item.latestVersion, m);
      assertMayManage(actor, latest.department);
      assertMayManage(actor, definition.department);
      if (latest.status === 'draft') {
        throw new ConflictException({
          message: `事项已有草稿版本 ${latest.version}，请修改该草稿 (item already has draft version ${latest.version}: edit it instead)`,
          details: { currentState: 'draft', draftVersion: latest.version },
        });
      }
      const version = item.latestVersion + 1;
      await this.items.updateItem(m, code, { latestVersion: version });
      return toItemVersion(await this.insertDraft(m, definition, version, actor));
    });
  }

  /** Replaces the definition of a draft (only drafts change; published versions are immutable). */
  async replaceDraft(
    code: string,
    version: number,
    body: ItemDefinitionBodyDto,
    actor: StaffPrincipal,
  ): Promise<ItemVersion> {
    const definition = toDefinition(code, body);
    return this.ds.transaction(async (m) => {
      const item = await this.lockItem(m, code);
      if (item.state === 'withdrawn') throw new ItemWithdrawnError(code, item.withdrawnAt);
      const row = await this.items.findVersion(code, version, m);
      if (!row) throw new ItemVersionNotFoundError(code, version);
      assertMayManage(actor, row.department);
      assertMayManage(actor, definition.department);
      if (row.status !== 'draft') throw new InvalidTransitionError('事项版本', row.status, 'edit');
      await this.items.updateVersion(m, code, version, { definition, ...searchColumns(definition) });
      return toItemVersion(await this.items.getVersion(code, version, m));
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
      const row = await this.items.findVersion(code, version, m);
      if (!row) throw new ItemVersionNotFoundError(code, version);
      assertMayManage(actor, row.department);
      if (row.status !== 'draft') throw new InvalidTransitionError('事项版本', row.status, 'publish');
      const knownDepartments = new Set(await this.departments.codes(m));
      const violations = checkPublicationRules(row.definition, { knownDepartments });
      if (violations.length > 0) throw new PublicationRejectedError(violations);

      const now = new Date();
      // Supersede first: the partial unique index allows one published version per item at any moment.
      if (item.currentVersion !== null) {
        await this.items.updateVersion(m, code, item.currentVersion, { status: 'superseded', supersededAt: now });
      }
      await this.items.updateVersion(m, code, version, {
        status: 'published',
        publishedAt: now,
        publishedBy: actor.sub,
      });
      await this.items.updateItem(m, code, { state: 'published', currentVersion: version });
      return toItemVersion(await this.items.getVersion(code, version, m));
    });
    this.cache.invalidate(code);
    return published;
  }

  /** Withdraws an item for good: no new applications; every version stays readable. */
  async withdraw(
    code: string,
    reason: string,
    actor: StaffPrincipal,
  ): Promise<ItemVersion & { withdrawnReason: string }> {
    const withdrawn = await this.ds.transaction(async (m) => {
      const item = await this.lockItem(m, code);
      if (item.state !== 'published' || item.currentVersion === null)
        throw new InvalidTransitionError('事项', item.state, 'withdraw');
      const current = await this.items.getVersion(code, item.currentVersion, m);
      assertMayManage(actor, current.department);
      const trimmed = reason.trim();
      await this.items.updateVersion(m, code, item.currentVersion, { status: 'withdrawn' });
      await this.items.updateItem(m, code, {
        state: 'withdrawn',
        withdrawnAt: new Date(),
        withdrawnReason: trimmed,
        withdrawnBy: actor.sub,
      });
      return { ...toItemVersion({ ...current, status: 'withdrawn' }), withdrawnReason: trimmed };
    });
    this.cache.invalidate(code);
    return withdrawn;
  }

  private async lockItem(m: EntityManager, code: string): Promise<CatalogueItemEntity> {
    const item = await this.items.lockItem(m, code);
    if (!item) throw new ItemNotFoundError(code);
    return item;
  }

  private async insertDraft(
    m: EntityManager,
    definition: ItemDefinition,
    version: number,
    actor: StaffPrincipal,
  ): Promise<CatalogueItemVersionEntity> {
    await this.items.insertVersion(m, {
      itemCode: definition.code,
      version,
      status: 'draft',
      definition,
      ...searchColumns(definition),
      publishedAt: null,
      publishedBy: null,
      supersededAt: null,
      createdBy: actor.sub,
    });
    return this.items.getVersion(definition.code, version, m);
  }
}
