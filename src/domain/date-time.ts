/**
 * The one check for dates and date-times, wherever they come in (the GraphQL scalars,
 * entity inputs, sync batches, CSV and OSCAL imports, backups): RFC 3339 with the
 * ranges Neo4j's date() and datetime() accept, so a value that passes here never fails
 * in the database. JavaScript's Date.parse is no guide: it takes hour 24 and any offset.
 *
 *   date      YYYY-MM-DD, years 0000 to 9999, a day that exists (Feb 29 in leap years only)
 *   date-time date "T" hh:mm[:ss[.fraction]] and "Z" or ±hh:mm, where hh is 00 to 23, mm
 *             and ss are 00 to 59 (no leap second, which Neo4j refuses), the fraction 1 to 9
 *             digits, and the offset at most 18:00 either way (Java's ZoneOffset range)
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|([+-])(\d{2}):(\d{2}))$/;
/** The largest offset Neo4j (java.time.ZoneOffset) takes, in minutes. */
const MAX_OFFSET_MINUTES = 18 * 60;

const isLeapYear = (year: number): boolean => year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** A calendar date, YYYY-MM-DD, that exists (proleptic Gregorian, as Neo4j counts). */
export function isCalendarDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= (month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1]!);
}

/** A date and time with a time zone offset that Neo4j's datetime() takes as it is. */
export function isDateTime(value: string): boolean {
  const match = DATETIME.exec(value);
  if (!match || !isCalendarDate(match[1]!)) return false;
  const [hour, minute, second] = [Number(match[2]), Number(match[3]), Number(match[4] ?? 0)];
  if (hour > 23 || minute > 59 || second > 59) return false;
  if (match[5] === undefined) return true;
  const [offsetHours, offsetMinutes] = [Number(match[6]), Number(match[7])];
  return offsetMinutes <= 59 && offsetHours * 60 + offsetMinutes <= MAX_OFFSET_MINUTES;
}
