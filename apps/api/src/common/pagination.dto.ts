import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** No list has this many pages of 100: a higher page is a mistake or a probe. */
export const MAX_PAGE = 100_000;

/**
 * The one pagination query of the API (`?page=&pageSize=`); list DTOs extend it. The answer's shape, `Page<T>`,
 * and the helper that builds it, `paginate()`, live in the domain (#domain).
 */
export class PageQuery {
  /** A bound keeps the offset a number the database takes (`?page=1e300` passed `@IsInt()` and failed in SQL). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  page = 1;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  pageSize = 20;
}
