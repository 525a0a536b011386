import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project's root: the nearest folder above this file that holds package.json (works from src and dist). */
export function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('package.json not found above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
  return dir;
}

/** Reads one of the JSON files shipped in data/ (reference and demo data). */
export function readDataFile<T>(name: string): T {
  return JSON.parse(readFileSync(join(projectRoot(), 'data', name), 'utf8')) as T;
}
