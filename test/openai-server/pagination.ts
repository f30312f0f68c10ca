// Cursor pagination as the SDK's CursorPage expects it: `after` is the id of the
// last item already seen; `has_more` says whether another page exists.
import { badRequest } from './apiError.ts';

export interface ListPage<T> {
  object: 'list';
  data: T[];
  has_more: boolean;
  first_id?: string | null;
  last_id?: string | null;
}

/** Parse `limit` from the query string: an integer in [1, max], else the default. */
export function parseLimit(query: URLSearchParams, defaultLimit: number, max: number): number {
  const raw = query.get('limit');
  if (raw === null || raw === '') return defaultLimit;
  const n = Number(raw);
  if (!Number.isInteger(n)) {
    throw badRequest(`Invalid type for 'limit': expected an integer, but got a string instead.`, 'limit', 'invalid_type');
  }
  if (n < 1) throw badRequest(`Invalid 'limit': integer below minimum value. Expected a value >= 1, but got ${n} instead.`, 'limit', 'integer_below_min_value');
  if (n > max) throw badRequest(`Invalid 'limit': integer above maximum value. Expected a value <= ${max}, but got ${n} instead.`, 'limit', 'integer_above_max_value');
  return n;
}

/**
 * One page of `items` (already in list order). An `after` id that is not in the list
 * gives an empty page rather than an error, so a client whose cursor item was
 * deleted stops instead of looping.
 */
export function paginate<T extends { id: string }>(
  items: readonly T[],
  after: string | null,
  limit: number,
  withIds = false,
): ListPage<T> {
  let start = 0;
  if (after) {
    const index = items.findIndex((item) => item.id === after);
    start = index === -1 ? items.length : index + 1;
  }
  const data = items.slice(start, start + limit);
  const page: ListPage<T> = { object: 'list', data, has_more: start + limit < items.length };
  if (withIds) {
    page.first_id = data[0]?.id ?? null;
    page.last_id = data[data.length - 1]?.id ?? null;
  }
  return page;
}
