import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { Type } from 'class-transformer';
import { ORIENTATION_KEYS, SERVICE_PACKAGES, type Orientation, type ServicePackage } from '@kaari/governance/purchasing/product-groups.js';
import type { PurchasingReport } from '@kaari/governance/purchasing/purchasing-report.service.js';
import { Labels } from './governance-views.dto.js';
import type { Expect, Same } from './same-shape.js';

const PACKAGE_KEYS = Object.keys(SERVICE_PACKAGES) as ServicePackage[];

export class PurchasingReportQuery {
  @ApiProperty({ type: Number, description: 'The agreement year', example: 2027 })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;
  @ApiPropertyOptional({ enum: ['json', 'csv'] }) @IsOptional() @IsIn(['json', 'csv']) format?: 'json' | 'csv';
  @ApiPropertyOptional({ enum: ['fi', 'sv', 'en'], description: 'The language of the CSV’s names (default fi)' })
  @IsOptional()
  @IsIn(['fi', 'sv', 'en'])
  lang?: 'fi' | 'sv' | 'en';
}

export class QualityTargetResultView {
  @ApiProperty({ type: String, description: 'The provider body' }) provider!: string;
  @ApiProperty({ type: String }) indicator!: string;
  @ApiProperty({ type: Number }) target!: number;
  @ApiProperty({ type: Boolean }) higherIsBetter!: boolean;
  @ApiProperty({ type: Number, nullable: true, description: 'The mean of the values reported for the year; null when none was reported' })
  achieved!: number | null;
  @ApiProperty({ type: Boolean }) met!: boolean;
}

export class ProductGroupFiguresView {
  @ApiProperty({ type: String }) productGroup!: string;
  @ApiProperty({ type: Labels }) name!: Labels;
  @ApiProperty({ enum: PACKAGE_KEYS, enumName: 'ServicePackage' }) servicePackage!: ServicePackage;
  @ApiProperty({ type: Labels }) servicePackageName!: Labels;
  @ApiProperty({ enum: ORIENTATION_KEYS, enumName: 'Orientation' }) orientation!: Orientation;
  @ApiProperty({ type: String }) unit!: string;
  @ApiProperty({ type: [String], description: 'The provider bodies ordered from or reporting' }) providers!: string[];
  @ApiProperty({ type: Number }) orderedVolume!: number;
  @ApiProperty({ type: Number }) deliveredVolume!: number;
  @ApiProperty({ type: Number, description: 'Σ volume × price per unit of the orders in force' }) orderedEuros!: number;
  @ApiProperty({ type: Number, description: 'Σ euros of the quarterly reports' }) deliveredEuros!: number;
  @ApiProperty({ type: Number, nullable: true }) orderedUnitPrice!: number | null;
  @ApiProperty({ type: Number, nullable: true }) deliveredUnitPrice!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Delivered against ordered volume (1 = as ordered)' }) volumeDelivery!: number | null;
  @ApiProperty({ type: [QualityTargetResultView] }) qualityTargets!: QualityTargetResultView[];
  @ApiProperty({ type: Number }) qualityTargetsMet!: number;
}

export class PurchasingTotalsView {
  @ApiProperty({ type: Number }) orderedEuros!: number;
  @ApiProperty({ type: Number }) deliveredEuros!: number;
  @ApiProperty({ type: Number }) qualityTargets!: number;
  @ApiProperty({ type: Number }) qualityTargetsMet!: number;
}

export class QuartersReportedView {
  @ApiProperty({ type: String }) provider!: string;
  @ApiProperty({ type: [Number] }) quarters!: number[];
}

export class OrientationShareView {
  @ApiProperty({ enum: ORIENTATION_KEYS, enumName: 'Orientation' }) orientation!: Orientation;
  @ApiProperty({ type: Number }) orderedEuros!: number;
  @ApiProperty({ type: Number }) deliveredEuros!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Of the year’s ordered euros, 0–1' }) orderedShare!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Of the year’s delivered euros, 0–1' }) deliveredShare!: number | null;
}

export class YearSharesView {
  @ApiProperty({ type: Number }) year!: number;
  @ApiProperty({ type: Number }) orderedEuros!: number;
  @ApiProperty({ type: Number }) deliveredEuros!: number;
  @ApiProperty({ type: [OrientationShareView] }) shares!: OrientationShareView[];
}

/** The price–quality report of the purchaser–provider cycle; `?format=csv` gives the same as CSV. */
export class PurchaserProviderReport {
  @ApiProperty({ type: Number }) year!: number;
  @ApiProperty({ type: Number, description: 'Cycles (cases) with a service definition for the year' }) cycles!: number;
  @ApiProperty({ type: [ProductGroupFiguresView] }) productGroups!: ProductGroupFiguresView[];
  @ApiProperty({ type: PurchasingTotalsView }) totals!: PurchasingTotalsView;
  @ApiProperty({ type: [QuartersReportedView] }) quartersReported!: QuartersReportedView[];
  @ApiProperty({ type: [YearSharesView], description: 'The preventive, early support and corrective shares of each year up to this one, oldest first' })
  years!: YearSharesView[];
}

type _Checks = [Expect<Same<PurchasingReport, PurchaserProviderReport>>];
