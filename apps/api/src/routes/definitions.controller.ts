import { Controller, Get, Header, HttpCode, Param, ParseIntPipe, Post, Req, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '@kaari/common/actor.js';
import { badInput } from '@kaari/common/errors.js';
import { uploadRefused } from '@kaari/common/upload-limits.js';
import { MAX_BPMN_BYTES } from '@kaari/engine/definitions/bpmn-validator.js';
import { DefinitionService } from '@kaari/engine/definitions/definition.service.js';
import { CurrentActor, Roles, type AuthedRequest } from '../http/auth.guard.js';
import { FileUpload } from '../http/file-upload.interceptor.js';
import { DefinitionView, DefinitionWithVersions, DeployResult, DiagramCheck } from './engine-views.dto.js';

@ApiTags('definitions')
@ApiBearerAuth()
@Controller('definitions')
export class DefinitionsController {
  constructor(private readonly definitions: DefinitionService) {}

  @Roles('admin')
  @Post()
  @ApiCreatedResponse({ type: DeployResult, description: 'A new version' })
  @ApiOkResponse({ type: DeployResult, description: 'The same diagram was already the latest version: nothing new was stored' })
  @ApiConsumes('application/xml', 'multipart/form-data')
  @ApiBody({ description: 'The BPMN 2.0 XML itself, or a multipart upload with the file in the field "file"' })
  @UseInterceptors(FileUpload('file', { maxBytes: () => MAX_BPMN_BYTES, setting: null }))
  async deploy(@Req() req: AuthedRequest, @CurrentActor() actor: Actor, @Res({ passthrough: true }) res: Response, @UploadedFile() file?: { buffer: Buffer }) {
    const xml = file ? file.buffer.toString('utf8') : typeof req.body === 'string' ? req.body : null;
    if (!xml) throw badInput('Send the BPMN XML as the body (Content-Type: application/xml) or as a multipart file field "file"');
    assertDiagramSize(xml);
    const result = await this.definitions.deploy(xml, actor.username);
    res.status(result.created ? 201 : 200);
    return result;
  }

  @Roles('admin')
  @Post('validate')
  @HttpCode(200)
  @ApiOkResponse({ type: DiagramCheck })
  @ApiConsumes('application/xml')
  @ApiBody({ description: 'BPMN XML to check as a deploy would, without deploying it: {ok, problems[{elementId, code, message}]}' })
  async validate(@Req() req: AuthedRequest) {
    if (typeof req.body !== 'string' || !req.body) throw badInput('Send the BPMN XML as the body (Content-Type: application/xml)');
    assertDiagramSize(req.body);
    return this.definitions.check(req.body);
  }

  @Get()
  @ApiOkResponse({ type: [DefinitionView], description: 'The latest version of every process' })
  list() {
    return this.definitions.latestVersions();
  }

  @Get(':key')
  @ApiOkResponse({ type: DefinitionWithVersions })
  async latest(@Param('key') key: string) {
    return { ...this.definitions.view(await this.definitions.get(key)), versions: (await this.definitions.versions(key)).map((v) => v.version) };
  }

  @Get(':key/versions')
  @ApiOkResponse({ type: [DefinitionView] })
  versions(@Param('key') key: string) {
    return this.definitions.versions(key);
  }

  @Get(':key/versions/:version')
  @HttpCode(200)
  @Header('Content-Type', 'application/xml; charset=utf-8')
  @ApiOkResponse({ description: 'The BPMN XML of that version', content: { 'application/xml': { schema: { type: 'string' } } } })
  async xml(
    @Param('key') key: string,
    @Param('version', new ParseIntPipe({ exceptionFactory: () => badInput('version must be an integer') })) version: number,
  ) {
    return (await this.definitions.get(key, version)).xml;
  }
}

/** A diagram is at most MAX_BPMN_BYTES however it comes (API_BODY_LIMIT may allow bigger XML bodies): 413 before it is parsed. */
function assertDiagramSize(xml: string): void {
  if (Buffer.byteLength(xml, 'utf8') > MAX_BPMN_BYTES)
    throw uploadRefused({ limit: 'bytes', max: MAX_BPMN_BYTES, counts: 'bytes of the diagram', path: 'body', setting: null });
}
