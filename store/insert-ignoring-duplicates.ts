import { MongoBulkWriteError, type Collection, type Document, type OptionalUnlessRequiredId } from 'mongodb';

const DUPLICATE_KEY = 11000;

/**
 * Inserts documents whose ids may already exist (a retried activity writing the same content again): one
 * unordered insertMany, duplicate-key failures skipped. Returns the ids that were already there; any other
 * failure is thrown. Cheaper than upserts on every server: an insert never has to find the document first.
 */
export async function insertIgnoringDuplicates<T extends Document & { _id: string }>(
  collection: Collection<T>,
  docs: readonly T[],
): Promise<Set<string>> {
  const duplicates = new Set<string>();
  if (!docs.length) return duplicates;
  try {
    await collection.insertMany(docs as OptionalUnlessRequiredId<T>[], { ordered: false });
  } catch (err) {
    if (!(err instanceof MongoBulkWriteError)) throw err;
    const errors = Array.isArray(err.writeErrors) ? err.writeErrors : [err.writeErrors];
    if (!errors.length || errors.some((e) => e.code !== DUPLICATE_KEY)) throw err;
    for (const e of errors) duplicates.add(docs[e.index]!._id);
  }
  return duplicates;
}
