/** Checks of arguments, and the form of moments, that services and resolvers share. */
import { BadUserInputError } from '../errors.js';

const MAX_ID = 300;

/** Rejects identifiers that no catalogue or organisation object could have. */
export function checkId(value: string, field: string): string {
  if (value.length === 0 || value.length > MAX_ID) {
    throw new BadUserInputError(`${field} must be 1 to ${MAX_ID} characters long`, field);
  }
  if ([...value].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f)) {
    throw new BadUserInputError(`${field} must not contain control characters`, field);
  }
  return value;
}

/** A moment as DateTime values are returned: ISO 8601 in UTC, to the second. */
export const dateTimeOf = (moment: Date): string => moment.toISOString().replace(/\.\d{3}Z$/, 'Z');
