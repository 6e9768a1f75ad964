import { BadUserInputError } from '../errors.js';

const MAX_ID = 300;

/** Rejects identifiers that no catalogue or organisation object could have. */
export function checkId(value: string, field: string): string {
  if (value.length === 0 || value.length > MAX_ID) {
    throw new BadUserInputError(`${field} must be 1 to ${MAX_ID} characters long`, field);
  }
  if (/[\u0000-\u001f\u007f]/.test(value)) {
    throw new BadUserInputError(`${field} must not contain control characters`, field);
  }
  return value;
}
