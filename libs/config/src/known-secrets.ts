/**
 * Secrets and passwords that are, or once were, written in this repository (examples in `.env.example`, the
 * README, `docker/compose.yml`, tests, the demo data). Anyone can read them, so production refuses them.
 * Add a value here whenever one is written down as an example.
 */
export const KNOWN_SECRETS: readonly string[] = [
  // .env.example
  'at-least-32-random-characters........',
  'change-me-please',
  // docker/compose.yml (earlier versions shipped defaults)
  'compose-demo-only-secret-change-me-0123456789',
  'root-demo-only',
  'participation',
  // demo data in development
  'demo-password-2025',
];

const known = new Set(KNOWN_SECRETS.map((s) => s.trim().toLowerCase()));

/** Fewer distinct characters than this is a placeholder (`xxxx…`, `0000…`), not a random secret. */
const MIN_DISTINCT_CHARACTERS = 8;

/** Why a secret must not be used in production, or undefined when it may be. */
export function weakSecretReason(value: string): string | undefined {
  if (known.has(value.trim().toLowerCase())) return 'is an example published in the repository: production needs your own random value';
  if (new Set(value).size < MIN_DISTINCT_CHARACTERS)
    return 'has too few distinct characters to be random: production needs your own random value';
  return undefined;
}
