import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validate } from 'class-validator';

/**
 * A page form checked by the same class-validator DTO as the JSON API, so each rule exists once. Returns the
 * transformed value and the names of the fields that failed (the page says why, in its own words).
 */
export async function validateForm<T extends object>(dto: new () => T, body: unknown): Promise<{ value: T; invalid: Set<string> }> {
  const value = plainToInstance(dto, body && typeof body === 'object' ? body : {});
  const errors = await validate(value, { whitelist: true });
  return { value, invalid: new Set(errors.map((e) => e.property)) };
}

/** The length limits a DTO puts on a field (`@MinLength`, `@MaxLength`): for the form's attributes and hints. */
export function lengthOf(dto: new () => object, property: string): { min?: number; max?: number } {
  const rules = getMetadataStorage()
    .getTargetValidationMetadatas(dto, '', true, false)
    .filter((m) => m.propertyName === property);
  const constraint = (name: string) => rules.find((m) => m.name === name)?.constraints?.[0] as number | undefined;
  return { min: constraint('minLength'), max: constraint('maxLength') };
}
