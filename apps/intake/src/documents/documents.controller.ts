import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principals, type Principal } from '@onewindow/auth';
import type { FastifyReply } from 'fastify';
import { DocumentEntity } from './entities/document.entity';
import { DOCUMENT_KINDS } from './document-kinds';
import { DocumentService } from './document.service';
import { verificationBaseUrl } from './documents.config';
import { DocumentIdParamDto, DocumentViewDto } from './dto/document.dto';
import { formatVerificationCode } from './verification-code';

// The stored HTML is our own template output with every value escaped; the policy makes sure that
// even so nothing in it can load or run anything.
const HTML_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

@ApiTags('documents 统一文书')
@ApiBearerAuth()
@Principals('citizen', 'enterprise', 'staff')
@Controller('documents')
export class DocumentsController {
  constructor(private readonly documents: DocumentService) {}

  @Get(':id')
  @ApiOperation({ summary: '文书信息 (document metadata and fields): the applicant it was issued to, or staff' })
  @ApiOkResponse({ type: DocumentViewDto })
  @ApiNotFoundResponse({ description: 'unknown, or not visible to the caller' })
  async get(@CurrentPrincipal() p: Principal, @Param() { id }: DocumentIdParamDto): Promise<DocumentViewDto> {
    return toView(await this.documents.findVisible(p, id));
  }

  @Get(':id/pdf')
  @ApiOperation({ summary: '文书 PDF (the document as PDF, Chinese font embedded)' })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'PDF', schema: { type: 'string', format: 'binary' } })
  @ApiNotFoundResponse()
  async pdf(@CurrentPrincipal() p: Principal, @Param() { id }: DocumentIdParamDto, @Res() reply: FastifyReply) {
    const doc = await this.documents.findVisible(p, id);
    const pdf = await this.documents.pdf(doc);
    reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `inline; filename="${doc.number}.pdf"`)
      .header('cache-control', 'private, no-store')
      .send(pdf);
  }

  @Get(':id/html')
  @ApiOperation({ summary: '文书 HTML (the document as a printable page)' })
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'HTML', schema: { type: 'string' } })
  @ApiNotFoundResponse()
  async html(@CurrentPrincipal() p: Principal, @Param() { id }: DocumentIdParamDto, @Res() reply: FastifyReply) {
    const doc = await this.documents.findVisible(p, id);
    reply
      .header('content-type', 'text/html; charset=utf-8')
      .header('content-security-policy', HTML_CSP)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .send(this.documents.html(doc));
  }
}

function toView(d: DocumentEntity): DocumentViewDto {
  return {
    id: d.id,
    kind: d.kind,
    title: DOCUMENT_KINDS[d.kind].title,
    number: d.number,
    applicationId: d.applicationId,
    applicationNumber: d.applicationNumber,
    issuer: d.issuer,
    issuedAt: d.issuedAt.toISOString(),
    verificationCode: formatVerificationCode(d.verificationCode),
    verificationUrl: `${verificationBaseUrl()}/${d.verificationCode}`,
    contentHash: d.contentHash,
    fields: d.fields,
  };
}
