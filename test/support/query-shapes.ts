/**
 * MongoDB queries as the driver sent them (command monitoring), reduced to their shapes — collection, filter with
 * values blanked, sort — and checked against index definitions: which index (if any) a server could use for them.
 */
import type { Document } from 'mongodb';

export interface QueryShape {
  /** find | aggregate | count | update | delete | findAndModify */
  command: string;
  collection: string;
  filter: Document;
  sort: Document | null;
  /** The index the query names (`hint`), if any. */
  hint: string | null;
  /** Stable text of the shape (values replaced by "?"), for de-duplication and reports. */
  key: string;
}

const blank = (v: unknown): unknown => {
  if (Array.isArray(v)) return '?';
  if (v && typeof v === 'object' && !(v instanceof Date) && v.constructor === Object) {
    return Object.fromEntries(Object.entries(v as Document).map(([k, x]) => [k, blank(x)]));
  }
  return '?';
};

function shape(command: string, collection: string, filter: Document | undefined, sort: unknown, hint: unknown): QueryShape {
  const f = filter ?? {};
  // The driver sends a sort as a Map (key order matters).
  const asObject = sort instanceof Map ? (Object.fromEntries(sort) as Document) : (sort as Document | undefined);
  const s = asObject && Object.keys(asObject).length ? asObject : null;
  const h = typeof hint === 'string' ? hint : null;
  return {
    command,
    collection,
    filter: f,
    sort: s,
    hint: h,
    key: `${collection} ${command} ${JSON.stringify(blank(f))}${s ? ` sort ${JSON.stringify(s)}` : ''}${h ? ` hint ${h}` : ''}`,
  };
}

/** The queries inside one command (an update or delete command may carry several); none for writes by document. */
export function queriesOf(commandName: string, cmd: Document): QueryShape[] {
  switch (commandName) {
    case 'find':
      return [shape('find', cmd.find as string, cmd.filter as Document, cmd.sort, cmd.hint)];
    case 'aggregate': {
      const pipeline = (cmd.pipeline ?? []) as Document[];
      const match = pipeline.find((st) => '$match' in st)?.$match as Document | undefined;
      const sort: unknown = pipeline.find((st) => '$sort' in st)?.$sort;
      return [shape('aggregate', cmd.aggregate as string, match, sort, cmd.hint)];
    }
    case 'count':
      return [shape('count', cmd.count as string, cmd.query as Document, undefined, cmd.hint)];
    case 'update':
      return ((cmd.updates ?? []) as Document[]).map((u) => shape('update', cmd.update as string, u.q as Document, undefined, u.hint));
    case 'delete':
      return ((cmd.deletes ?? []) as Document[]).map((d) => shape('delete', cmd.delete as string, d.q as Document, undefined, d.hint));
    case 'findAndModify':
      return [shape('findAndModify', cmd.findAndModify as string, cmd.query as Document, cmd.sort, cmd.hint)];
    default:
      return [];
  }
}

export interface IndexDef {
  name: string;
  key: Document;
}

/** Fields a filter narrows selectively (equality, $in, ranges); $ne/$nin/$regex/$exists alone do not. */
function selectiveFields(filter: Document): Set<string> {
  const out = new Set<string>();
  for (const [field, cond] of Object.entries(filter)) {
    if (field === '$and') for (const part of cond as Document[]) for (const f of selectiveFields(part)) out.add(f);
    if (field.startsWith('$')) continue;
    if (cond && typeof cond === 'object' && !(cond instanceof Date) && cond.constructor === Object) {
      const ops = Object.keys(cond as Document);
      if (ops.some((op) => ['$eq', '$in', '$lt', '$lte', '$gt', '$gte'].includes(op))) out.add(field);
    } else {
      out.add(field);
    }
  }
  return out;
}

/** The sort an index walk gives: the index's keys in order, or all of them reversed. */
function indexGivesSort(ix: IndexDef, sort: Document): boolean {
  const keys = Object.entries(ix.key);
  const wanted = Object.entries(sort);
  if (wanted.length > keys.length) return false;
  const same = wanted.every(([f, d], i) => keys[i]![0] === f && Number(keys[i]![1]) === Number(d));
  const reversed = wanted.every(([f, d], i) => keys[i]![0] === f && Number(keys[i]![1]) === -Number(d));
  return same || reversed;
}

/**
 * The index a planner would use for the query, or null: the one it names (`hint`); else one whose leading key the
 * filter narrows; else — the filter narrowing nothing indexed — one whose walk yields the whole sort (an ordered
 * index scan instead of a collection scan and an in-memory sort). A `$or` needs an index for every branch.
 */
export function supportingIndex(
  q: Pick<QueryShape, 'filter' | 'sort'> & { hint?: string | null },
  indexes: readonly IndexDef[],
): string | null {
  if (q.hint) return indexes.some((ix) => ix.name === q.hint) ? q.hint : null;
  const or = q.filter.$or as Document[] | undefined;
  const narrowed = selectiveFields(q.filter);
  const byFilter = indexes.find((ix) => narrowed.has(Object.keys(ix.key)[0]!));
  if (byFilter) return byFilter.name;
  if (or) {
    const rest = Object.fromEntries(Object.entries(q.filter).filter(([k]) => k !== '$or'));
    const branches = or.map((branch) => supportingIndex({ filter: { ...rest, ...branch }, sort: null }, indexes));
    if (branches.every(Boolean)) return `$or(${branches.join(', ')})`;
  }
  if (q.filter.$and) {
    for (const part of q.filter.$and as Document[]) {
      const name = supportingIndex({ filter: part, sort: null }, indexes);
      if (name) return name;
    }
  }
  const bySort = q.sort ? indexes.find((ix) => indexGivesSort(ix, q.sort!)) : undefined;
  return bySort?.name ?? null;
}
