import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@onewindow/auth';
import { divisionName, parseUscc, validateUscc } from '@onewindow/codes';
import { authorityForDivision } from '../authorities/authorities';
import { UsccParamDto, UsccValidationViewDto } from './dto/uscc-validation.dto';

/** R3: anyone may check a USCC and be told exactly what is wrong with it. */
@ApiTags('uscc (统一社会信用代码)')
@Controller('uscc')
export class UsccController {
  @Get(':code/validation')
  @Public()
  @ApiOperation({
    summary:
      '校验统一社会信用代码 (validate a USCC, GB 32100 and GB 11714): 200 with valid=false and every reason for an invalid code',
  })
  @ApiOkResponse({ type: UsccValidationViewDto })
  validate(@Param() { code }: UsccParamDto): UsccValidationViewDto {
    const r = validateUscc(code);
    if (!r.valid) return { code, valid: false, reasons: r.reasons };
    const parts = parseUscc(code);
    const name = authorityForDivision(parts.division)?.name ?? divisionName(parts.division);
    return { code, valid: true, reasons: [], parts: { ...parts, ...(name ? { divisionName: name } : {}) } };
  }
}
