import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, Length, Matches, Max, MaxLength, Min } from 'class-validator';

const CODE = /^[a-z0-9][a-z0-9-]{0,62}$/;

export class ServicesDto {
  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description: 'Service rows as in the form kaari:service-mapping (GET /api/forms/service-mapping)',
  })
  @IsArray()
  services!: unknown[];
}

export class ImportQuery {
  @ApiPropertyOptional({ enum: ['replace', 'append'] }) @IsOptional() @IsIn(['replace', 'append']) mode?: 'replace' | 'append';
  @ApiPropertyOptional({ type: Boolean, description: 'true: read and check the file as the import does and answer ImportPreviewView, saving nothing' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  dryRun?: boolean;
}

export class DocumentsQuery {
  @ApiPropertyOptional({ example: 'kaari:child-impact-assessment' }) @IsOptional() @IsString() @MaxLength(100) formKey?: string;
}

export class DecisionQuery {
  @ApiPropertyOptional({ example: 'kaupunginhallitus' }) @IsOptional() @Matches(CODE) body?: string;
  @ApiPropertyOptional({ example: 2023 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1900) @Max(2999) year?: number;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(1_000_000) offset?: number;
}

export class ReviewRequestDto {
  @ApiProperty({ description: 'Who made the request (a resident, a member of the council, a party)' }) @IsString() @Length(1, 300) requester!: string;
  @ApiProperty({ description: 'The grounds of the request' }) @IsString() @Length(1, 20000) grounds!: string;
  @ApiPropertyOptional({ description: 'When the request arrived (default: now); it must be within the appeal period' })
  @IsOptional()
  @IsISO8601()
  receivedAt?: string;
}

export class ReportQuery {
  @ApiPropertyOptional({ description: 'One case; without it, every case (directors)' }) @IsOptional() @IsString() @MaxLength(36) instanceId?: string;
  @ApiPropertyOptional({ enum: ['json', 'csv'] }) @IsOptional() @IsIn(['json', 'csv']) format?: 'json' | 'csv';
}

export class CourtAppealDto {
  @ApiProperty({ description: 'Who appealed (a party, a member of the municipality)' }) @IsString() @Length(1, 300) appellant!: string;
  @ApiProperty({ description: 'The administrative court', example: 'Turun hallinto-oikeus' }) @IsString() @Length(1, 300) court!: string;
  @ApiPropertyOptional({ description: 'When the appeal arrived (default: now); within the 30-day period' })
  @IsOptional()
  @IsISO8601()
  receivedAt?: string;
}

export class CourtRulingDto {
  @ApiProperty({
    enum: ['upheld', 'overturned', 'returned'],
    description: 'upheld: the decision stands and is final; overturned: set aside; returned: back to the body',
  })
  @IsIn(['upheld', 'overturned', 'returned'])
  ruling!: 'upheld' | 'overturned' | 'returned';
  @ApiProperty({ format: 'date' }) @Matches(/^\d{4}-\d{2}-\d{2}$/) ruledOn!: string;
}
