import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, UploadedFile, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiExtraModels, ApiOkResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Actor } from '@kaari/common/actor.js';
import { badInput } from '@kaari/common/errors.js';
import { CaseService } from '@kaari/governance/cases/case.service.js';
import { DecisionService } from '@kaari/governance/decisions/decision.service.js';
import { ServiceInventoryService } from '@kaari/governance/mapping/service-inventory.service.js';
import { CurrentActor } from '../http/auth.guard.js';
import { FileUpload } from '../http/file-upload.interceptor.js';
import { DocumentsQuery, ImportQuery, ServicesDto } from './governance.dto.js';
import { CaseView, DecisionView, DocumentView, ImportPreviewView, InventoryView } from './governance-views.dto.js';

/** An instance as a case: its diary number, documents, service inventory and decisions. */
@ApiTags('cases')
@ApiBearerAuth()
@Controller('instances')
export class CasesController {
  constructor(
    private readonly cases: CaseService,
    private readonly inventory: ServiceInventoryService,
    private readonly decisions: DecisionService,
  ) {}

  @Get(':id/case')
  @ApiOkResponse({ type: CaseView })
  case(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.cases.caseOf(actor, id);
  }

  @Get(':id/documents')
  @ApiOkResponse({ type: [DocumentView] })
  documents(@CurrentActor() actor: Actor, @Param('id') id: string, @Query() query: DocumentsQuery) {
    return this.cases.documentsOf(actor, id, query.formKey);
  }

  @Get(':id/services')
  @ApiOkResponse({ type: InventoryView })
  services(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.inventory.get(actor, id);
  }

  @Put(':id/services')
  @ApiOkResponse({ type: InventoryView })
  replaceServices(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: ServicesDto) {
    return this.inventory.put(actor, id, body.services);
  }

  @Post(':id/services/import')
  @HttpCode(200)
  @ApiExtraModels(ImportPreviewView)
  @ApiOkResponse({
    description: 'The inventory after the import; with `?dryRun=true` an ImportPreviewView (the rows and their problems), and nothing saved',
    schema: { oneOf: [{ $ref: getSchemaPath(InventoryView) }, { $ref: getSchemaPath(ImportPreviewView) }] },
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    description:
      'A CSV (`,` `;` or tab separated, UTF-8 or Windows-1252) or .xlsx file in the field "file"; header row with the column names of the service rows',
  })
  @UseInterceptors(FileUpload('file', { maxBytes: (config) => config.uploadLimits.maxBytes, setting: 'API_UPLOAD_MAX_BYTES' }))
  importServices(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Query() query: ImportQuery,
    @UploadedFile() file?: { buffer: Buffer; originalname: string },
  ) {
    if (!file) throw badInput('Send the file as a multipart field "file"');
    if (query.dryRun) return this.inventory.dryRun(actor, id, file, query.mode);
    return this.inventory.import(actor, id, file, query.mode);
  }

  @Get(':id/decisions')
  @ApiOkResponse({ type: [DecisionView] })
  decisionsOf(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.decisions.ofInstance(actor, id);
  }
}
