import { HttpException, HttpStatus } from '@nestjs/common';

/** The caller handed the issuer fields its template cannot print (a programming error in the caller, reported in full). */
export class DocumentFieldsError extends HttpException {
  constructor(kind: string, issues: { path: string; message: string }[]) {
    super(
      { message: `文书内容不完整 (document fields invalid for ${kind})`, details: issues },
      HttpStatus.UNPROCESSABLE_ENTITY,
    );
  }
}
