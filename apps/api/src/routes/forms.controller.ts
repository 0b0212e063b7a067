import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { FormService } from '@kaari/governance/forms/form.service.js';
import { FormSummary, FormView } from './governance-views.dto.js';

@ApiTags('forms')
@ApiBearerAuth()
@Controller('forms')
export class FormsController {
  constructor(private readonly forms: FormService) {}

  @Get()
  @ApiOkResponse({ type: [FormSummary] })
  list() {
    return this.forms.list();
  }

  /** The JSON Schema of a form, by its key (`kaari:child-impact-assessment`, or without the `kaari:` prefix). */
  @Get(':key')
  @ApiOkResponse({ type: FormView })
  get(@Param('key') key: string) {
    return this.forms.get(key.includes(':') ? key : `kaari:${key}`);
  }
}
