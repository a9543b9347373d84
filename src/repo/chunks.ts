/** Ids per `IN (…)` list: well under MySQL's and SQLite's placeholder limits. */
const CHUNK = 500;

/** Runs a query per chunk of ids and concatenates the rows; an empty id list asks nothing. */
export async function inChunks<T>(
  ids: readonly number[],
  query: (chunk: number[]) => Promise<T[]>,
): Promise<T[]> {
  const unique = [...new Set(ids)];
  const rows: T[] = [];

  for (let i = 0; i < unique.length; i += CHUNK) {
    rows.push(...(await query(unique.slice(i, i + CHUNK))));
  }
  return rows;
}
