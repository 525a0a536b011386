import { Transform } from 'class-transformer';

/** Trims string input before validation (other types pass through to be refused by their validator). */
export const Trim = () => Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));
