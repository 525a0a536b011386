import { v7 as uuidv7 } from 'uuid';

/** Time-ordered UUID (v7): primary keys sort by creation time, which keeps InnoDB inserts append-only. */
export function newId(): string {
  return uuidv7();
}
