import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { BODY_KINDS, MEMBER_ROLES } from '@kaari/governance/body.service.js';
import { ROLES } from '@kaari/access/user.service.js';

const CODE = /^[a-z0-9][a-z0-9-]{0,62}$/;
const USERNAME = /^[a-z0-9][a-z0-9._-]{1,62}$/;
const toBool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class TokenRequest {
  @ApiProperty() @IsString() @Length(1, 100) username!: string;
  @ApiProperty() @IsString() @Length(1, 200) password!: string;
}

export class LocalizedNameDto {
  @ApiProperty() @IsString() @Length(1, 200) fi!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) sv?: string;
  @ApiProperty() @IsString() @Length(1, 200) en!: string;
}

export class BodyDto {
  @ApiProperty({ example: 'hyvinvoinnin-johtoryhma' }) @Matches(CODE, { message: 'code is lowercase letters, digits and -' }) code!: string;
  @ApiProperty() @ValidateNested() @Type(() => LocalizedNameDto) name!: LocalizedNameDto;
  @ApiProperty({ enum: BODY_KINDS }) @IsIn(BODY_KINDS) kind!: (typeof BODY_KINDS)[number];
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @Matches(CODE) escalatesTo?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'P5D' }) @IsOptional() @IsString() @MaxLength(64) graceDuration?: string | null;
}

export class MembershipDto {
  @ApiProperty() @Matches(CODE) code!: string;
  @ApiPropertyOptional({ enum: MEMBER_ROLES }) @IsOptional() @IsIn(MEMBER_ROLES) role?: string;
}

export class UserDto {
  @ApiProperty() @Matches(USERNAME, { message: 'username is lowercase letters, digits, ., _ and -' }) username!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(10) @MaxLength(200) password?: string;
  @ApiProperty() @IsString() @Length(1, 200) displayName!: string;
  @ApiProperty({ enum: ROLES, isArray: true }) @IsArray() @ArrayMaxSize(5) @IsIn(ROLES, { each: true }) roles!: string[];
  @ApiProperty({ type: [MembershipDto] }) @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => MembershipDto) bodies!: MembershipDto[];
  @ApiPropertyOptional() @IsOptional() @IsBoolean() disabled?: boolean;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Where notifications are e-mailed when SMTP is configured' })
  @IsOptional()
  @IsEmail()
  email?: string | null;
}

export class StartInstanceDto {
  @ApiProperty({ example: 'cross-sector-measure' }) @IsString() @Length(1, 64) definitionKey!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) businessKey?: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) @IsOptional() @IsObject() variables?: Record<string, unknown>;
}

export class CancelDto {
  @ApiProperty() @IsString() @Length(3, 2000) reason!: string;
}

export class CompleteTaskDto {
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) @IsOptional() @IsObject() data?: Record<string, unknown>;
}

export class SaveDraftDto {
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The form as it stands, any part of it' }) @IsObject() data!: Record<string, unknown>;
}

export class PageQuery {
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(1_000_000) offset?: number;
}

export class TaskQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @Matches(CODE) body?: string;
  @ApiPropertyOptional({ enum: ['open', 'completed', 'all'] }) @IsOptional() @IsIn(['open', 'completed', 'all']) state?: 'open' | 'completed' | 'all';
  @ApiPropertyOptional() @IsOptional() @Transform(toBool) @IsBoolean() overdue?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(36) instanceId?: string;
}

export class InstanceQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['running', 'completed', 'cancelled', 'failed'] })
  @IsOptional()
  @IsIn(['running', 'completed', 'cancelled', 'failed'])
  state?: 'running' | 'completed' | 'cancelled' | 'failed';
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) definitionKey?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(CODE) body?: string;
  @ApiPropertyOptional() @IsOptional() @Transform(toBool) @IsBoolean() overdue?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) q?: string;
}
