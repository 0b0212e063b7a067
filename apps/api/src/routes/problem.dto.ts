import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ProblemItem } from '@kaari/common/errors.js';
import type { Expect, Same } from './same-shape.js';

/** One field, element or limit a problem is about. */
export class ProblemItemDto {
  @ApiProperty({ type: String, nullable: true, description: 'The field, BPMN element or JSON pointer; null for the whole request' }) path!: string | null;
  @ApiProperty({ type: String, example: 'invalid' }) code!: string;
  @ApiProperty({ type: String }) message!: string;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }] },
    description: 'The values the message names (a limit, what it counts, its setting), for clients that word it themselves',
  })
  params?: Record<string, string | number>;
}

/** Every error answer: RFC 9457 problem details (`application/problem+json`), written by the one problem filter. */
export class ProblemDto {
  @ApiProperty({ type: String, example: 'about:blank' }) type!: string;
  @ApiProperty({ type: String, example: 'Not found' }) title!: string;
  @ApiProperty({ type: Number, example: 404 }) status!: number;
  @ApiProperty({ type: String, example: 'Task 5f0c… was not found' }) detail!: string;
  @ApiProperty({ type: String, description: 'The path of the request', example: '/api/tasks/5f0c…' }) instance!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The request’s correlation id (also the X-Correlation-Id header): what the logs and the audit trail carry',
  })
  correlationId!: string | null;
  @ApiPropertyOptional({ type: [ProblemItemDto], description: 'Field errors of a validation problem, BPMN problems of a diagram, the limit an upload passed' })
  errors?: ProblemItemDto[];
}

type _Checks = [Expect<Same<ProblemItem, ProblemItemDto>>];
