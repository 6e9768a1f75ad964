/**
 * Read-your-own-writes across API instances, without state in the API. Neo4j names
 * every committed transaction with a bookmark; a transaction started with bookmarks
 * waits until the server it runs on has applied them. A request's write transactions
 * hand their bookmarks to the client in the X-Neo4j-Bookmark response header; a client
 * that sends that header back, to any instance, has every transaction of that request
 * start after those writes. Within one request, each transaction also starts after the
 * request's earlier writes (a reader in a cluster may lag behind the leader).
 *
 * The header is opaque to clients: base64url of a JSON list of Neo4j's bookmarks, so it
 * is one printable token whatever the bookmarks hold (no commas, spaces or quotes).
 */

/** The request header a client sends back, and the response header the service sets. */
export const BOOKMARK_HEADER = 'x-neo4j-bookmark';

/** Limits on what a client may send: enough for any set the service hands out. */
export const MAX_BOOKMARKS = 16;
export const MAX_BOOKMARK_LENGTH = 256;
export const MAX_BOOKMARK_HEADER_LENGTH = 8192;

const BASE64URL = /^[A-Za-z0-9_-]+$/;
/** A Neo4j bookmark as Neo4j 5 writes them: printable ASCII without spaces. */
const BOOKMARK = /^[\x21-\x7e]+$/;

export class BookmarkHeaderError extends Error {}

const valid = (bookmark: unknown): bookmark is string =>
  typeof bookmark === 'string' && bookmark.length <= MAX_BOOKMARK_LENGTH && BOOKMARK.test(bookmark);

/** The header value for a set of bookmarks; undefined for none. */
export function encodeBookmarks(bookmarks: readonly string[]): string | undefined {
  if (bookmarks.length === 0) return undefined;
  return Buffer.from(JSON.stringify([...bookmarks].sort()), 'utf8').toString('base64url');
}

/**
 * The bookmarks a header value carries (none for an absent or blank header); throws
 * BookmarkHeaderError for anything the service did not, or could not, have handed out.
 */
export function decodeBookmarks(header: string | undefined): string[] {
  const value = header?.trim() ?? '';
  if (value === '') return [];
  if (value.length > MAX_BOOKMARK_HEADER_LENGTH || !BASE64URL.test(value)) {
    throw new BookmarkHeaderError('not a bookmark token');
  }
  let list: unknown;
  try {
    list = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    throw new BookmarkHeaderError('not a bookmark token');
  }
  if (!Array.isArray(list) || list.length === 0 || list.length > MAX_BOOKMARKS || !list.every(valid)) {
    throw new BookmarkHeaderError('not a bookmark token');
  }
  return [...new Set(list)];
}

/**
 * The bookmarks of one request: those the client sent, replaced by each write's as the
 * request commits them. Made fresh for every request and dropped with it.
 */
export class RequestBookmarks {
  private readonly bookmarks: Set<string>;

  constructor(initial: readonly string[] = []) {
    this.bookmarks = new Set(initial);
  }

  /** What a transaction starting now must wait for. */
  current(): string[] {
    return [...this.bookmarks];
  }

  /**
   * A write that started after `started` committed as `committed`: it is causally after
   * them, so its bookmarks stand for them. Writes that ran alongside it keep theirs.
   */
  committed(started: readonly string[], committed: readonly string[]): void {
    if (committed.length === 0) return;
    for (const bookmark of started) this.bookmarks.delete(bookmark);
    for (const bookmark of committed) this.bookmarks.add(bookmark);
  }

  /** The response header's value; undefined when there is nothing to wait for. */
  header(): string | undefined {
    return encodeBookmarks(this.current());
  }
}
