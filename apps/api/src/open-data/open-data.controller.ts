import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { BadRequestException, Controller, Get, Logger, NotFoundException, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { type ExportFormat, OpenDataService } from '#domain';
import { ExportQuery } from './dto/open-data.dto.js';
import { exportHeaders, exportSerializer } from './export-formats.js';

/** `proposals.csv`, `decisions.json`: a dataset's name and an extension (one path segment, so `plans/{id}.json` is not ours). */
const EXPORT_FILE = /^([a-z_]{1,40})\.(csv|json)$/;

/** Open data: the catalogue and every dataset as CSV, JSON or NDJSON, streamed. */
@Controller('export')
export class OpenDataController {
  private readonly logger = new Logger(OpenDataController.name);

  constructor(private readonly openData: OpenDataService) {}

  /** The catalogue: datasets with their addresses, formats, licence, row counts, last update and data dictionary. */
  @Get()
  catalogue() {
    return this.openData.catalogue();
  }

  /**
   * One dataset, streamed: rows are read a chunk at a time and written as the client takes them (stream
   * `pipeline`: backpressure from the socket back to the reads; a client that goes away stops the reading).
   */
  @Get(':file')
  async export(@Param('file') file: string, @Query() q: ExportQuery, @Res() res: Response): Promise<void> {
    const match = EXPORT_FILE.exec(file);
    if (!match) throw new NotFoundException(`no export ${file.slice(0, 80)}: ask for <dataset>.csv or <dataset>.json`);
    const [, name, extension] = match as unknown as [string, string, 'csv' | 'json'];
    if (q.format && extension !== 'json') throw new BadRequestException(`format=${q.format} is for .json exports`);
    const format: ExportFormat = q.format ?? extension;
    const opened = await this.openData.open(name);
    res.status(200).set(exportHeaders(opened.dataset, format));
    // Express answers HEAD with the GET handler, and Node drops a HEAD response's body as fast as it is written:
    // the headers are the whole answer, without reading a row.
    if (res.req.method === 'HEAD') {
      res.end();
      return;
    }
    try {
      await pipeline(Readable.from(opened.rows), exportSerializer(opened.dataset, format), res);
    } catch (err) {
      // A client that hung up is not an error; anything else cut the download short (the client sees a broken transfer).
      if ((err as NodeJS.ErrnoException).code !== 'ERR_STREAM_PREMATURE_CLOSE')
        this.logger.error(`export ${file} failed after the headers: ${(err as Error).message}`);
      res.destroy();
    }
  }
}
