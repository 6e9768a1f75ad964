/** Now, as an ISO date-time in UTC to the second (how DateTime values are returned). */
export const nowDateTime = (): string => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The UTC calendar date of a moment (now when none is given): the date evidence periods are judged on. */
export const utcDate = (moment?: string | null): string =>
  (moment == null ? new Date() : new Date(moment)).toISOString().slice(0, 10);
