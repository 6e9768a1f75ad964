/**
 * HTML and SVG built from templates in which every interpolated value is escaped unless
 * it is already markup made here (`Html`). Record names, titles and justifications come
 * from integrators and editors: a name such as `<script>` must arrive as text, in element
 * content and in (always double-quoted) attribute values alike.
 */

/** Markup built by `html`, safe to put into a page as it is. */
export class Html {
  constructor(readonly markup: string) {}
  toString(): string {
    return this.markup;
  }
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text as HTML (and XML) character data or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ENTITIES[ch]!);
}

type Interpolated = Html | string | number | boolean | null | undefined | readonly Interpolated[];

function render(value: Interpolated): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof Html) return value.markup;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

/** A template whose values are escaped; arrays are joined; null, undefined and false vanish. */
export function html(strings: TemplateStringsArray, ...values: readonly Interpolated[]): Html {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new Html(out);
}

/** A link within the reports, its parameters encoded. */
export function reportHref(
  page: string,
  params: Readonly<Record<string, string | readonly string[] | null | undefined>>,
): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value === null || value === undefined) continue;
    for (const v of typeof value === 'string' ? [value] : value) if (v !== '') search.append(name, v);
  }
  const query = search.toString();
  return `/reports${page === '' ? '' : `/${page}`}${query === '' ? '' : `?${query}`}`;
}

/** At most `max` characters, with an ellipsis when cut (the full text goes in a title). */
export function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, Math.max(1, max - 1)).join('')}…`;
}

/** A number with a fixed count of decimals, without a trailing ".0". */
export const fixed = (value: number, digits = 1): string => String(Number(value.toFixed(digits)));
