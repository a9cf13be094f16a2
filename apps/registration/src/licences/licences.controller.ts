import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@onewindow/auth';
import {
  JwksViewDto,
  LicenceNumberParamDto,
  LicenceVerificationViewDto,
  SignedLicenceViewDto,
  VerifyLicenceDto,
} from './dto/licence.dto';
import { LicenceQueryService } from './licence-query.service';
import { LicenceVerifierService } from './licence-verifier.service';
import { SigningKeyService } from './signing-key.service';

/** Anyone may read a licence and check it (R4, 政务公开): the routes are public. */
@ApiTags('licences (电子营业执照)')
@Controller('licences')
export class LicencesController {
  constructor(
    private readonly keys: SigningKeyService,
    private readonly verifier: LicenceVerifierService,
    private readonly queries: LicenceQueryService,
  ) {}

  @Get('.well-known/keys')
  @Public()
  @ApiOperation({ summary: '电子执照签名公钥 (the public keys licences are signed with, as a JWK set)' })
  @ApiOkResponse({ type: JwksViewDto })
  jwks(): Promise<JwksViewDto> {
    return this.keys.jwks() as unknown as Promise<JwksViewDto>;
  }

  @Get(':number')
  @Public()
  @ApiOperation({ summary: '电子营业执照 (the signed licence document)' })
  @ApiOkResponse({ type: SignedLicenceViewDto })
  @ApiNotFoundResponse({ description: 'No such licence' })
  get(@Param() { number }: LicenceNumberParamDto): Promise<SignedLicenceViewDto> {
    return this.queries.signed(number);
  }

  @Post('verify')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary:
      '验证电子营业执照 (verify a licence: the document or its canonical text, with the signature): valid or not, and why',
  })
  @ApiOkResponse({ type: LicenceVerificationViewDto })
  @ApiBadRequestResponse({ description: 'Neither document nor canonical given, or malformed signature' })
  verify(@Body() dto: VerifyLicenceDto): Promise<LicenceVerificationViewDto> {
    return this.verifier.verify(dto);
  }
}
