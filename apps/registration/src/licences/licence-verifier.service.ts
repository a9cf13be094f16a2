import { Injectable } from '@nestjs/common';
import { canonicalJson } from '../shared/canonical-json';
import type { LicenceVerificationViewDto, VerifyLicenceDto } from './dto/licence.dto';
import { verifyBytes } from './licence-signature';
import { LicenceRepository } from './licence.repository';
import { SigningKeyService } from './signing-key.service';

/** Public verification (R4): is this exactly what we signed, and is it in our register? */
@Injectable()
export class LicenceVerifierService {
  constructor(
    private readonly licences: LicenceRepository,
    private readonly keys: SigningKeyService,
  ) {}

  async verify(dto: VerifyLicenceDto): Promise<LicenceVerificationViewDto> {
    let bytes: Buffer;
    let document: Record<string, unknown> | undefined = dto.document;
    if (dto.canonical !== undefined) {
      bytes = Buffer.from(dto.canonical, 'utf8');
      try {
        document = JSON.parse(dto.canonical);
      } catch {
        document = undefined;
      }
    } else {
      try {
        bytes = Buffer.from(canonicalJson(dto.document), 'utf8');
      } catch (e) {
        return {
          valid: false,
          reasons: [
            {
              code: 'not-canonical',
              message: `证照内容无法规范化 (the document cannot be canonicalised): ${(e as Error).message}`,
            },
          ],
        };
      }
    }
    const candidates = dto.kid ? [dto.kid] : (await this.keys.jwks()).keys.map((k) => k.kid as string);
    let kid: string | undefined;
    let known = false;
    for (const k of candidates) {
      const key = await this.keys.publicKey(k);
      if (!key) continue;
      known = true;
      if (verifyBytes(bytes, dto.signature, key)) {
        kid = k;
        break;
      }
    }
    if (!known)
      return {
        valid: false,
        reasons: [
          {
            code: 'unknown-key',
            message: `未知的签名密钥 ${dto.kid} (unknown key: not published at /licences/.well-known/keys)`,
          },
        ],
      };
    if (!kid) {
      return {
        valid: false,
        reasons: [
          {
            code: 'bad-signature',
            message:
              '签名与内容不符：证照内容被改动，或签名不是本机关所签 (the signature does not match: the content was altered, or it was not signed by us)',
          },
        ],
      };
    }
    const number = typeof document?.licenceNumber === 'string' ? document.licenceNumber : undefined;
    const row = number ? await this.licences.findEntry(number) : undefined;
    if (!row) {
      return {
        valid: false,
        kid,
        reasons: [
          {
            code: 'not-in-register',
            message: `签名有效，但登记簿中没有编号 ${number} 的执照 (signature valid, but no such licence in the register)`,
          },
        ],
      };
    }
    return { valid: true, reasons: [], kid, licenceNumber: row.number, uscc: row.uscc, name: row.name };
  }
}
