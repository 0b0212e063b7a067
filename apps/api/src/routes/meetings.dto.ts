import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ITEM_OUTCOMES, type ItemOutcome } from '@kaari/governance/meetings/item-outcome.js';
import { QUORUM_RULES, type QuorumRule } from '@kaari/governance/meetings/quorum.js';

const CODE = /^[a-z0-9][a-z0-9-]{0,62}$/;
const USERNAME = /^[a-z0-9][a-z0-9._-]{0,62}$/;
const TEXT = 20000;

export class MeetingQuery {
  @ApiPropertyOptional({ example: 'kaupunginhallitus' }) @IsOptional() @Matches(CODE) body?: string;
  @ApiPropertyOptional({ description: 'Only meetings still to come or under way' })
  @IsOptional()
  @Type(() => String)
  @IsIn(['true', 'false'])
  upcoming?: 'true' | 'false';
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(1_000_000) offset?: number;
}

export class PublicMinutesQuery {
  @ApiPropertyOptional({ example: 'kaupunginhallitus' }) @IsOptional() @Matches(CODE) body?: string;
}

export class CreateMeetingDto {
  @ApiProperty({ example: 'kaupunginhallitus' }) @Matches(CODE) body!: string;
  @ApiProperty({ enum: ['meeting', 'electronic'], description: 'A meeting, or a closed electronic decision procedure with a voting window' })
  @IsIn(['meeting', 'electronic'])
  kind!: 'meeting' | 'electronic';
  @ApiProperty({ format: 'date-time', description: 'The start; for an electronic procedure, the opening of the voting window' }) @IsISO8601() startsAt!: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'The planned end; for an electronic procedure, the close of the voting window' })
  @IsOptional()
  @IsISO8601()
  endsAt?: string;
  @ApiPropertyOptional({ example: 'Kaupungintalo, Aurakatu 2' }) @IsOptional() @IsString() @MaxLength(300) place?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() remote?: boolean;
}

export class UpdateMeetingDto {
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsISO8601() startsAt?: string;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsISO8601() endsAt?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(300) place?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() remote?: boolean;
}

export class AgendaItemDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'A matter from GET /api/bodies/:code/matters; without it, an information item' })
  @IsOptional()
  @IsString()
  @Length(36, 36)
  taskId?: string;
  @ApiPropertyOptional({ description: 'Default: the case title' }) @IsOptional() @IsString() @Length(1, 500) title?: string;
  @ApiProperty({ description: 'The presenter’s proposal (Ehdotus)' }) @IsString() @Length(1, TEXT) proposal!: string;
  @ApiPropertyOptional({ description: 'The presenter’s username' }) @IsOptional() @Matches(USERNAME) presenter?: string;
  @ApiPropertyOptional({ description: 'The preparation text; paragraphs separated by a blank line' })
  @IsOptional()
  @IsString()
  @MaxLength(100000)
  preparationText?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5000) summary?: string;
  @ApiPropertyOptional({ description: 'False for a non-public item (its content is left out of the published minutes)' })
  @IsOptional()
  @IsBoolean()
  isPublic?: boolean;
  @ApiPropertyOptional({ description: 'The secrecy ground of a non-public item', example: 'JulkL 24 § 1 mom. 25 k' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  secrecyGround?: string;
}

export class UpdateAgendaItemDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 500) title?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, TEXT) proposal?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(USERNAME) presenter?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100000) preparationText?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5000) summary?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() isPublic?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) secrecyGround?: string;
}

export class AttendeeDto {
  @ApiProperty() @Matches(USERNAME) username!: string;
  @ApiProperty({ enum: ['member', 'substitute', 'other'] }) @IsIn(['member', 'substitute', 'other']) role!: 'member' | 'substitute' | 'other';
  @ApiPropertyOptional({ description: 'The member whose seat a substitute fills' }) @IsOptional() @Matches(USERNAME) standsInFor?: string;
  @ApiProperty() @IsBoolean() presentAtStart!: boolean;
}

export class AttendanceDto {
  @ApiProperty({ description: 'Who chairs the meeting' }) @Matches(USERNAME) chair!: string;
  @ApiProperty({ description: 'Who keeps the minutes' }) @Matches(USERNAME) secretary!: string;
  @ApiProperty({ type: [String], description: 'The minutes checkers chosen at the meeting' })
  @IsArray()
  @ArrayMaxSize(5)
  @Matches(USERNAME, { each: true })
  minutesCheckers!: string[];
  @ApiProperty({ type: [AttendeeDto] })
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => AttendeeDto)
  attendees!: AttendeeDto[];
}

export class MovementDto {
  @ApiProperty() @Matches(USERNAME) username!: string;
  @ApiProperty({ enum: ['arrived', 'left'] }) @IsIn(['arrived', 'left']) kind!: 'arrived' | 'left';
  @ApiProperty({ description: 'The agenda position of the first item the change applies to' }) @IsInt() @Min(1) @Max(1000) beforeItem!: number;
}

export class RecusalDto {
  @ApiProperty() @Matches(USERNAME) username!: string;
  @ApiProperty({ description: 'The legal ground, from GET /api/meetings/recusal-grounds', example: 'apa-28-1-3-interest' })
  @IsString()
  @Length(1, 100)
  ground!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

export class CounterProposalDto {
  @ApiProperty({ enum: ['amend', 'reject', 'return', 'table'] }) @IsIn(['amend', 'reject', 'return', 'table']) kind!: 'amend' | 'reject' | 'return' | 'table';
  @ApiProperty() @IsString() @Length(1, TEXT) text!: string;
  @ApiProperty() @Matches(USERNAME) proposedBy!: string;
  @ApiPropertyOptional({ description: 'Without a seconder the counter-proposal lapses' }) @IsOptional() @Matches(USERNAME) secondedBy?: string;
}

export class VoteRoundDto {
  @ApiProperty({
    description: '"base" (the presenter’s proposal) or the index of a counter-proposal',
    oneOf: [{ type: 'string', enum: ['base'] }, { type: 'integer' }],
  })
  @IsOptional()
  yes!: 'base' | number;
  @ApiProperty({ description: '"base" or the index of a counter-proposal', oneOf: [{ type: 'string', enum: ['base'] }, { type: 'integer' }] })
  @IsOptional()
  no!: 'base' | number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string', enum: ['yes', 'no', 'blank', 'absent'] }, description: 'username → ballot' })
  @IsObject()
  ballots!: Record<string, 'yes' | 'no' | 'blank' | 'absent'>;
}

export class DissentDto {
  @ApiProperty() @Matches(USERNAME) username!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(10000) reasons?: string;
}

export class DistributionDto {
  @ApiProperty({ example: 'Tiedoksi' }) @IsString() @Length(1, 200) purpose!: string;
  @ApiProperty({ example: 'Kasvatuksen ja opetuksen toimiala' }) @IsString() @Length(1, 500) recipient!: string;
}

export class ItemDecisionDto {
  @ApiProperty({ enum: ITEM_OUTCOMES, enumName: 'ItemOutcome' }) @IsIn([...ITEM_OUTCOMES]) outcome!: ItemOutcome;
  @ApiPropertyOptional({ description: 'The decision as recorded: the amended text, or the reasons for returning; default the proposal' })
  @IsOptional()
  @IsString()
  @Length(1, TEXT)
  decisionText?: string;
  @ApiPropertyOptional({ type: [CounterProposalDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => CounterProposalDto)
  counterProposals?: CounterProposalDto[];
  @ApiPropertyOptional({ type: [VoteRoundDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => VoteRoundDto)
  votes?: VoteRoundDto[];
  @ApiPropertyOptional({ type: [DissentDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => DissentDto)
  dissents?: DissentDto[];
  @ApiPropertyOptional({ description: 'The decision may be enforced before it is final' }) @IsOptional() @IsBoolean() immediateEnforcement?: boolean;
  @ApiPropertyOptional({ type: [DistributionDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => DistributionDto)
  distribution?: DistributionDto[];
}

export class BallotDto {
  @ApiProperty({ enum: ['yes', 'no', 'blank'], description: 'yes: for the proposal' }) @IsIn(['yes', 'no', 'blank']) ballot!: 'yes' | 'no' | 'blank';
}

export class StandingOrdersDto {
  @ApiProperty({ description: 'The invitation goes out at least this many days before' }) @IsInt() @Min(0) @Max(60) invitationDays!: number;
  @ApiProperty({ enum: QUORUM_RULES }) @IsIn([...QUORUM_RULES]) quorum!: QuorumRule;
  @ApiProperty({ description: 'How many minutes checkers the meeting chooses' }) @IsInt() @Min(0) @Max(5) minutesCheckers!: number;
  @ApiProperty({ description: 'Whether the body may decide in a closed electronic procedure' }) @IsBoolean() electronicProcedure!: boolean;
}
