import { Controller, Get, Header, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@onewindow/auth';
import { DocumentService } from './document.service';
import { VerificationCodeParamDto, VerificationViewDto } from './dto/document.dto';

/**
 * The public check of a document (A13): anyone holding a copy types the printed code. No login;
 * the gateway's per-IP rate limit is what stops code guessing (and the codes carry ~63 bits).
 */
@ApiTags('documents 统一文书')
@Controller('verify')
export class VerificationController {
  constructor(private readonly documents: DocumentService) {}

  @Public()
  @Get(':code')
  @Header('cache-control', 'no-store')
  @ApiOperation({
    summary:
      '文书真伪核验 (verify a document by its code): what it is and whether its content is intact; nothing personal',
  })
  @ApiOkResponse({ type: VerificationViewDto })
  @ApiNotFoundResponse({ description: 'no document has this code' })
  async verify(@Param() { code }: VerificationCodeParamDto): Promise<VerificationViewDto> {
    return this.documents.verify(code);
  }
}
