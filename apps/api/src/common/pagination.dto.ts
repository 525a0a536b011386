import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/**
 * The one pagination query of the API (`?page=&pageSize=`); list DTOs extend it. The answer's shape, `Page<T>`,
 * and the helper that builds it, `paginate()`, live in the domain (#domain).
 */
export class PageQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page = 1;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  pageSize = 20;
}
