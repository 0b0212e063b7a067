import { ApiProperty } from '@nestjs/swagger';

/** 200 when both answer; otherwise a 503 problem that names which is down. */
export class HealthView {
  @ApiProperty({ type: String, enum: ['up'] }) status!: 'up';
  @ApiProperty({ type: String, enum: ['up', 'down'] }) postgres!: string;
  @ApiProperty({ type: String, enum: ['up', 'down'] }) redis!: string;
}
