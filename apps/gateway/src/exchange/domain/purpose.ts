import { BadRequestException } from '@nestjs/common';

export const PURPOSE_HEADER = 'x-exchange-purpose';
export const PURPOSE_MIN = 4;
export const PURPOSE_MAX = 200;

/**
 * The declared purpose of an exchange call (G7), from the `x-exchange-purpose` header. HTTP header
 * values are bytes, so a Chinese purpose may arrive percent-encoded (`%E5%AE%A1...`, recommended)
 * or as raw UTF-8 (which Node reads as Latin-1); both are decoded. 4-200 characters, no control
 * characters; otherwise 400.
 */
export function parsePurpose(header: string | string[] | undefined): string {
  const raw = Array.isArray(header) ? header[0] : header;
  if (raw === undefined || raw.trim() === '') {
    throw new BadRequestException({
      message: `缺少用途说明：请在 ${PURPOSE_HEADER} 头中说明调用目的 (missing purpose: send the ${PURPOSE_HEADER} header, ${PURPOSE_MIN}-${PURPOSE_MAX} characters)`,
      details: { header: PURPOSE_HEADER },
    });
  }
  let value = raw;
  if ([...value].some((c) => c.charCodeAt(0) > 0x7f)) {
    const utf8 = Buffer.from(value, 'latin1').toString('utf8');
    if (!utf8.includes('\uFFFD')) value = utf8;
  }
  if (/%[0-9A-Fa-f]{2}/.test(value)) {
    try {
      value = decodeURIComponent(value);
    } catch {
      throw new BadRequestException({
        message: `用途说明编码错误 (${PURPOSE_HEADER}: malformed percent-encoding)`,
        details: { header: PURPOSE_HEADER },
      });
    }
  }
  value = value.trim();
  const length = [...value].length;
  const control = [...value].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);
  if (length < PURPOSE_MIN || length > PURPOSE_MAX || control) {
    throw new BadRequestException({
      message: `用途说明应为 ${PURPOSE_MIN}-${PURPOSE_MAX} 个字符且不含控制字符 (${PURPOSE_HEADER} must be ${PURPOSE_MIN}-${PURPOSE_MAX} characters without control characters, got ${length})`,
      details: { header: PURPOSE_HEADER, length },
    });
  }
  return value;
}
