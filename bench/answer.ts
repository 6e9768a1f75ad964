/** Whether an answer from the API (GraphQL JSON, or a report page) is a good one. */

/** What went wrong with one answer, or null when it is a good one. */
export function problemWith(
  status: number,
  text: string,
): { message: string; timeout: boolean; unavailable: boolean } | null {
  let errors: { message?: string; extensions?: { code?: unknown } }[] | undefined;
  try {
    errors = (JSON.parse(text) as { errors?: typeof errors }).errors;
  } catch {
    errors = undefined; // a page, not JSON
  }
  if (status === 200 && errors === undefined) return null;
  const first = errors?.[0];
  const code = typeof first?.extensions?.code === 'string' ? first.extensions.code : null;
  return {
    message: `${status} ${code ?? ''} ${first?.message ?? text.slice(0, 200)}`.replace(/\s+/g, ' ').trim(),
    timeout: status === 504 || code === 'TIMEOUT',
    unavailable: status === 503 || code === 'SERVICE_UNAVAILABLE',
  };
}
