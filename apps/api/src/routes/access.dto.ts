import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsDateString, IsIn, IsOptional, IsString, IsUUID, Length, Matches, MaxLength } from 'class-validator';
import { LANGUAGES, type Language } from '@kaari/access/user.service.js';
import { PageQuery } from './dto.js';

const CODE = /^[a-z0-9][a-z0-9-]{0,62}$/;
const USERNAME = /^[a-z0-9][a-z0-9._@-]{1,62}$/;

export class DeputyDto {
  @ApiProperty() @Matches(USERNAME) deputy!: string;
  @ApiProperty({ example: '2026-07-01T00:00:00+03:00' }) @IsDateString() from!: string;
  @ApiProperty({ example: '2026-07-31T23:59:59+03:00' }) @IsDateString() until!: string;
  @ApiPropertyOptional({ description: 'Only these of the member’s bodies; all of them when absent' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(CODE, { each: true })
  bodies?: string[];
}

export class LanguageDto {
  @ApiProperty({ type: String, enum: LANGUAGES }) @IsIn(LANGUAGES) language!: Language;
}

export class ReassignDto {
  @ApiProperty({ type: [String] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(200) @IsString({ each: true }) @MaxLength(36, { each: true }) taskIds!: string[];
  @ApiPropertyOptional() @IsOptional() @Matches(CODE) toBody?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(USERNAME) toUser?: string;
  @ApiProperty() @IsString() @Length(3, 2000) reason!: string;
}

export class AssignDto {
  @ApiProperty() @Matches(USERNAME) username!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(3, 2000) reason?: string;
}

export class AuditQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) actor?: string;
  @ApiPropertyOptional({ description: '`type` or `type:id`, e.g. `task:…`, `user:maija.muutos`, `body:muutosryhma`' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  entity?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() instance?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) action?: string;
  @ApiPropertyOptional({ description: 'Everything one request or timer job changed' }) @IsOptional() @IsString() @MaxLength(100) correlationId?: string;
  @ApiPropertyOptional() @IsOptional() @IsDateString() from?: string;
  @ApiPropertyOptional() @IsOptional() @IsDateString() to?: string;
}

export class ImportQuery {
  @ApiPropertyOptional({ description: 'true (the default) shows what the import would change, without changing it' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  dryRun?: boolean;
}
