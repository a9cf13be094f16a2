import { HttpException, HttpStatus, UnprocessableEntityException } from '@nestjs/common';
import type { MaterialFinding } from './domain/material-check';

export class NotReceivableHereError extends UnprocessableEntityException {
  constructor(itemCode: string, level: string, receivableAt: string[]) {
    super({
      message: '该事项不能在本中心受理 (item not receivable at this centre)',
      details: { itemCode, centreLevel: level, receivableAt },
    });
  }
}

export class NotOnlineError extends UnprocessableEntityException {
  constructor(itemCode: string) {
    super({
      message: '该事项不可网上办理，请到窗口申请 (item cannot be applied for online: apply at a window)',
      details: { itemCode },
    });
  }
}

export class MaterialsIncompleteError extends UnprocessableEntityException {
  constructor(what: string, missing: MaterialFinding[], nonConforming: MaterialFinding[]) {
    super({
      message: `材料不齐全或不符合要求，不能${what} (materials incomplete: cannot ${what === '受理' ? 'accept' : what})`,
      details: {
        missing: missing.map(({ code, name }) => ({ code, name })),
        nonConforming: nonConforming.map(({ code, name, problem }) => ({ code, name, problem })),
      },
    });
  }
}

export class UnknownMaterialError extends UnprocessableEntityException {
  constructor(codes: string[]) {
    super({ message: '材料不属于该事项 (material codes not required by this item)', details: { codes } });
  }
}

export class RuleRefusedError extends UnprocessableEntityException {
  constructor(message: string, details?: unknown) {
    super({ message, details });
  }
}

export class PayloadTooLargeError extends HttpException {
  constructor(limit: number) {
    super(
      { message: `文件超过大小上限 ${limit} 字节 (file over the size limit)`, details: { limitBytes: limit } },
      HttpStatus.PAYLOAD_TOO_LARGE,
    );
  }
}

export class UnsupportedFileTypeError extends HttpException {
  constructor(got: string, allowed: string[]) {
    super(
      { message: `不支持的文件类型 ${got} (unsupported file type)`, details: { contentType: got, allowed } },
      HttpStatus.UNSUPPORTED_MEDIA_TYPE,
    );
  }
}
