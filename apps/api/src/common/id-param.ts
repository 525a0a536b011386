import { BadRequestException, Param, ParseUUIDPipe } from '@nestjs/common';

/**
 * A record's id from the path (`/proposals/:id`), on JSON routes and pages alike: anything but a UUID is a 400
 * before it reaches the database (ids are ASCII columns: a non-ASCII "id" used to fail there with a collation
 * error, a 500). A well-formed id of no record is the handler's 404.
 */
export const IdParam = (name = 'id') =>
  Param(name, new ParseUUIDPipe({ exceptionFactory: () => new BadRequestException(`${name} must be a UUID`) }));
