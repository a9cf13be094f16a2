import { applyDecorators } from '@nestjs/common';
import { ApiCreatedResponse, ApiExtraModels, ApiOkResponse, getSchemaPath } from '@nestjs/swagger';
import { ApplicationViewDto, BundleSubmissionViewDto } from './application-view.dto';

const receivedSchema = {
  oneOf: [{ $ref: getSchemaPath(ApplicationViewDto) }, { $ref: getSchemaPath(BundleSubmissionViewDto) }],
};

/** A submission's answers, online and at the window: 201 with what was received, 200 for a repeated key. */
export function ApiSubmissionResponses(repeated: string) {
  return applyDecorators(
    ApiExtraModels(ApplicationViewDto, BundleSubmissionViewDto),
    ApiCreatedResponse({
      description: 'Received: the application, or for a bundle one per item',
      schema: receivedSchema,
    }),
    ApiOkResponse({ description: repeated, schema: receivedSchema }),
  );
}
