import argon2 from 'argon2';

let cached: Promise<string> | undefined;
export function hashPasswordForTests(): Promise<string> {
  cached ??= argon2.hash('correct horse battery staple', { type: argon2.argon2id });
  return cached;
}
