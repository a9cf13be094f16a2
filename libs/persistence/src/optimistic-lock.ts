import { HttpException, HttpStatus, NotFoundException } from '@nestjs/common';
import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';

export class StaleVersionError extends HttpException {
  constructor(entity: string, id: string, expected: number, current: number) {
    super(
      {
        message: `${entity} ${id} 已被他人修改（版本 ${current}，请求基于版本 ${expected}），请刷新后重试 (stale version)`,
        details: { expectedVersion: expected, currentVersion: current },
      },
      HttpStatus.CONFLICT,
    );
  }
}

/**
 * Compare-and-set on a `version` column (F6): the update applies only if nobody changed the row
 * since the caller read it; exactly one of two concurrent writers wins, the other gets 409.
 * Returns the new version.
 */
export async function updateWithVersion<T extends ObjectLiteral & { version: number }>(
  manager: EntityManager,
  target: EntityTarget<T>,
  id: string,
  expectedVersion: number,
  changes: QueryDeepPartialEntity<T>,
): Promise<number> {
  const result = await manager
    .createQueryBuilder()
    .update(target)
    .set({ ...changes, version: () => 'version + 1' } as QueryDeepPartialEntity<T>)
    .where('id = :id AND version = :expectedVersion', { id, expectedVersion })
    .execute();
  if (result.affected === 1) return expectedVersion + 1;
  // The table name, not the class name: the message reaches the API, and classes get renamed.
  const meta = manager.connection.getMetadata(target);
  const row = await manager.findOne(target, { where: { id } as never, select: ['version'] as never });
  if (!row) throw new NotFoundException({ message: `${meta.tableName} ${id} 不存在 (not found)` });
  throw new StaleVersionError(meta.tableName, id, expectedVersion, (row as T).version);
}
