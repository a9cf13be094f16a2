import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@onewindow/auth';
import { NotVisibleError } from '@onewindow/http';
import { DataSource } from 'typeorm';
import { JwksView, LicenceNumberParamDto, LicenceVerificationView, SignedLicenceView, VerifyLicenceDto } from './dto/licence.dto';
import { LicenceVerifier } from './licence-verifier.service';
import { SigningKeys } from './signing-key.service';

/** Anyone may read a licence and check it (R4, 政务公开): the routes are public. */
@ApiTags('licences (电子营业执照)')
@Controller('licences')
export class LicencesController {
  constructor(@InjectDataSource() private readonly ds: DataSource, private readonly keys: SigningKeys, private readonly verifier: LicenceVerifier) {}

  @Get('.well-known/keys')
  @Public()
  @ApiOperation({ summary: '电子执照签名公钥 (the public keys licences are signed with, as a JWK set)' })
  @ApiOkResponse({ type: JwksView })
  jwks(): Promise<JwksView> {
    return this.keys.jwks() as unknown as Promise<JwksView>;
  }

  @Get(':number')
  @Public()
  @ApiOperation({ summary: '电子营业执照 (the signed licence document)' })
  @ApiOkResponse({ type: SignedLicenceView })
  @ApiNotFoundResponse({ description: 'No such licence' })
  async get(@Param() { number }: LicenceNumberParamDto): Promise<SignedLicenceView> {
    return findSignedLicence(this.ds, number);
  }

  @Post('verify')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: '验证电子营业执照 (verify a licence: the document or its canonical text, with the signature): valid or not, and why' })
  @ApiOkResponse({ type: LicenceVerificationView })
  @ApiBadRequestResponse({ description: 'Neither document nor canonical given, or malformed signature' })
  verify(@Body() dto: VerifyLicenceDto): Promise<LicenceVerificationView> {
    return this.verifier.verify(dto);
  }
}

export async function findSignedLicence(ds: DataSource, number: string): Promise<SignedLicenceView> {
  const [row] = await ds.query('select document, canonical, signature, kid, alg from licence where number = $1', [number]);
  if (!row) throw new NotVisibleError('营业执照 (licence)', number);
  return row;
}
