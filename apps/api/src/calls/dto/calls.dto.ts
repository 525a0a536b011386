import { IsBoolean, IsInt, IsNotEmpty, IsOptional, IsString, Max, Min } from 'class-validator';
import { MaxLength, SingleLine, Trim } from '../../common/text.js';
import { IsTime } from '../../common/time.js';

export class CreateCallDto {
  @Trim()
  @IsString()
  @IsNotEmpty()
  @SingleLine()
  @MaxLength(300)
  titleZh: string;

  @Trim()
  @IsString()
  @IsNotEmpty()
  @SingleLine()
  @MaxLength(300)
  titleEn: string;

  @IsTime()
  opensAt: Date;

  @IsTime()
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
