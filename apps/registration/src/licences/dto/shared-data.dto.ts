import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';

/* View DTOs keep the schema names the API was published under (@ApiSchema): clients and the gateway's merged document use them. */

export class EnterpriseUsccParamDto {
  @ApiProperty({ description: '统一社会信用代码 (USCC)', pattern: '^[0-9A-HJ-NPQRTUWXY]{18}$' })
  @IsString()
  @Matches(/^[0-9A-HJ-NPQRTUWXY]{18}$/, { message: '统一社会信用代码格式错误 (malformed USCC)' })
  uscc!: string;
}

@ApiSchema({ name: 'EnterpriseBasicsView' })
export class EnterpriseBasicsViewDto {
  @ApiProperty() uscc!: string;
  @ApiProperty() name!: string;
  @ApiProperty() enterpriseType!: string;
  @ApiProperty({ description: "法定代表人姓名 (legal representative's name)" }) legalRepresentative!: string;
  @ApiProperty() registeredCapitalFen!: number;
  @ApiProperty({ format: 'date' }) establishedOn!: string;
  @ApiProperty() domicile!: string;
  @ApiProperty() businessScope!: string;
  @ApiProperty() authority!: string;
  @ApiProperty({ nullable: true }) licenceNumber!: string | null;
  @ApiProperty({
    enum: ['opening', 'open'],
    description: 'opening: licensed, department steps under way; open: every step done',
  })
  status!: string;
}
