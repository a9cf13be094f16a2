import { Controller, Get, Header, Param, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { NotVisibleError } from '@onewindow/http';
import { Public } from '@onewindow/auth';
import { DepartmentDto, DepartmentQueryDto } from './dto/department.dto';
import { DivisionDetailDto, DivisionNodeDto, DivisionParamDto } from './dto/division.dto';
import { ServiceCentreDto, ServiceCentreQueryDto } from './dto/service-centre.dto';
import { OrgDirectoryService } from './org-directory.service';

/** Public reference data (G3): anyone may read the organisation of the city. */
@ApiTags('orgs')
@Public()
@Controller('orgs')
export class OrgsController {
  constructor(private readonly orgs: OrgDirectoryService) {}

  @Get('tree')
  @Header('Cache-Control', 'public, max-age=300')
  @ApiOperation({ summary: 'The division tree: city → district → street/township → community (GB/T 2260 codes)' })
  @ApiOkResponse({ type: [DivisionNodeDto] })
  tree(): DivisionNodeDto[] {
    return this.orgs.tree();
  }

  @Get('divisions/:code')
  @Header('Cache-Control', 'public, max-age=300')
  @ApiOperation({ summary: 'One division with its ancestors, children, departments and serving centre' })
  @ApiOkResponse({ type: DivisionDetailDto })
  @ApiBadRequestResponse({ description: 'Malformed code.' })
  @ApiNotFoundResponse({ description: 'Unknown code.' })
  division(@Param() { code }: DivisionParamDto): DivisionDetailDto {
    const d = this.orgs.division(code);
    if (!d) throw new NotVisibleError('行政区划', code);
    return {
      ...d,
      ancestors: this.orgs.ancestors(code).slice(0, -1),
      children: this.orgs.childrenOf(code),
      departments: this.orgs.departments({ division: code }),
      serviceCentre: this.orgs.serviceCentreFor(code) ?? null,
    };
  }

  @Get('departments')
  @Header('Cache-Control', 'public, max-age=300')
  @ApiOperation({ summary: 'Departments, by level, division, containing division or code' })
  @ApiOkResponse({ type: [DepartmentDto] })
  @ApiBadRequestResponse({ description: 'Malformed or unknown query parameter.' })
  departments(@Query() q: DepartmentQueryDto): DepartmentDto[] {
    return this.orgs.departments(q);
  }

  @Get('service-centres')
  @Header('Cache-Control', 'public, max-age=300')
  @ApiOperation({ summary: 'Service centres (city centre, district centres, street 便民服务中心)' })
  @ApiOkResponse({ type: [ServiceCentreDto] })
  @ApiBadRequestResponse({ description: 'Malformed or unknown query parameter.' })
  serviceCentres(@Query() q: ServiceCentreQueryDto): ServiceCentreDto[] {
    return this.orgs.serviceCentres(q);
  }
}
