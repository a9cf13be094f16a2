import { ConflictException, ForbiddenException, HttpException, HttpStatus, NotFoundException } from '@nestjs/common';
import type { StaffPrincipal } from '@onewindow/auth';
import type { RuleViolation } from './rules/publication-rules';

/** Unknown item, or one never published (drafts are not public): the same 404, so drafts cannot be probed. */
export class ItemNotFoundError extends NotFoundException {
  constructor(itemCode: string) {
    super({ message: '事项不存在 (item not found)', details: { itemCode } });
  }
}

export class ItemVersionNotFoundError extends NotFoundException {
  constructor(itemCode: string, version: number) {
    super({ message: '事项版本不存在 (item version not found)', details: { itemCode, version } });
  }
}

export class BundleNotFoundError extends NotFoundException {
  constructor(bundleCode: string) {
    super({ message: '一件事不存在 (bundle not found)', details: { bundleCode } });
  }
}

/** C2: a withdrawn item takes no new applications. 409, like any other refusal because of a state. */
export class ItemWithdrawnError extends ConflictException {
  constructor(itemCode: string, withdrawnAt: Date | null) {
    super({
      message: '事项已停止受理 (item withdrawn: it takes no new applications)',
      details: { currentState: 'withdrawn', itemCode, withdrawnAt: withdrawnAt?.toISOString() ?? null },
    });
  }
}

export class BundleUnavailableError extends ConflictException {
  constructor(bundleCode: string) {
    super({
      message: '该一件事中没有正在受理的事项 (no item of the bundle takes applications)',
      details: { currentState: 'withdrawn', bundleCode },
    });
  }
}

/** C4: publishing a version that breaks the rules; every violation is listed. Nothing is changed. */
export class PublicationRejectedError extends HttpException {
  constructor(violations: RuleViolation[]) {
    super(
      {
        message: `事项不符合发布规则，共 ${violations.length} 处 (publication rules broken): ${violations.map((v) => v.rule).join(', ')}`,
        details: violations,
      },
      HttpStatus.UNPROCESSABLE_ENTITY,
    );
  }
}

export class ItemCodeTakenError extends ConflictException {
  constructor(itemCode: string) {
    super({ message: '事项编码已存在 (item code already exists)', details: { itemCode } });
  }
}

/**
 * A catalogue admin of a department edits that department's items only; centre staff (no
 * department) edit all. Function level: the item's department is public, so 403, not 404.
 */
export function assertMayManage(actor: StaffPrincipal, department: string): void {
  if (actor.department && actor.department !== department) {
    throw new ForbiddenException({
      message: `无权维护部门 ${department} 的事项 (forbidden: items of department ${department})`,
      details: { department },
    });
  }
}
