import { Type } from 'class-transformer';
import { IsBoolean, IsDate, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { Trim } from '../../common/trim.js';

export class CreateCallDto {
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  titleZh: string;

  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  titleEn: string;

  @Type(() => Date)
  @IsDate({ message: 'opensAt must be an ISO-8601 date' })
  opensAt: Date;

  @Type(() => Date)
  @IsDate({ message: 'closesAt must be an ISO-8601 date' })
  closesAt: Date;

  @IsInt()
  @Min(1)
  @Max(10_000_000)
  endorsementThreshold: number;

  @IsInt()
  @Min(1)
  @Max(3650)
  endorsementDays: number;

  @IsInt()
  @Min(1)
  @Max(3650)
  responseDays: number;

  @IsOptional()
  @IsBoolean()
  routeToSuggestedAgency?: boolean;
}
