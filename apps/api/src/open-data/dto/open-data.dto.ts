import { IsIn, IsOptional } from 'class-validator';

/** `?format=ndjson` turns a `.json` export into one object a line. */
export class ExportQuery {
  @IsOptional() @IsIn(['ndjson']) format?: 'ndjson';
}
