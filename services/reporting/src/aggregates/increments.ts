/** Counter changes: per cell (`kind|unit|month`), per field path, how much to add (negative: take away). */
export type Increments = Map<string, Map<string, number>>;

export function addTo(increments: Increments, cell: string, path: string, n = 1): void {
  const fields = increments.get(cell) ?? new Map<string, number>();
  const next = (fields.get(path) ?? 0) + n;
  if (next === 0) fields.delete(path);
  else fields.set(path, next);
  if (fields.size === 0) increments.delete(cell);
  else increments.set(cell, fields);
}

/** `after - before`: what moves a cell from one contribution to the other. */
export function difference(before: Increments, after: Increments): Increments {
  const delta: Increments = new Map();
  for (const [cell, fields] of after) for (const [path, n] of fields) addTo(delta, cell, path, n);
  for (const [cell, fields] of before) for (const [path, n] of fields) addTo(delta, cell, path, -n);
  return delta;
}

export function merge(target: Increments, source: Increments): Increments {
  for (const [cell, fields] of source) for (const [path, n] of fields) addTo(target, cell, path, n);
  return target;
}

/** Applies dotted paths to a nested object (the in-memory twin of Mongo's `$inc`). */
export function applyToObject(target: Record<string, unknown>, fields: ReadonlyMap<string, number>): void {
  for (const [path, n] of fields) {
    const parts = path.split('.');
    let node = target;
    for (const part of parts.slice(0, -1)) {
      if (typeof node[part] !== 'object' || node[part] === null) node[part] = {};
      node = node[part] as Record<string, unknown>;
    }
    const leaf = parts[parts.length - 1]!;
    node[leaf] = ((node[leaf] as number | undefined) ?? 0) + n;
  }
}
