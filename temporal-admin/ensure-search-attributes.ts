import type { Connection } from '@temporalio/client';
import proto from '@temporalio/proto';
import type { TemporalConfig } from '../config/temporal-config.js';

// @temporalio/proto is CommonJS: its namespace is reached through the default export under ESM.
const { temporal } = proto;
type IndexedValueType = proto.temporal.api.enums.v1.IndexedValueType;
const IndexedValueType = temporal.api.enums.v1.IndexedValueType;
const typeByName: Record<TemporalConfig['searchAttributes'][string], IndexedValueType> = {
  Keyword: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  Text: IndexedValueType.INDEXED_VALUE_TYPE_TEXT,
  Int: IndexedValueType.INDEXED_VALUE_TYPE_INT,
  Double: IndexedValueType.INDEXED_VALUE_TYPE_DOUBLE,
  Bool: IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
  Datetime: IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
  KeywordList: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST,
};

/**
 * Registers the configured search attributes in the namespace, idempotently: existing ones with the right type
 * are left alone; one registered with another type is an error an operator must resolve.
 */
export async function ensureSearchAttributes(
  connection: Connection,
  namespace: string,
  wanted: TemporalConfig['searchAttributes'],
): Promise<string[]> {
  const existing = await connection.operatorService.listSearchAttributes({ namespace });
  const custom = existing.customAttributes ?? {};
  const missing: Record<string, IndexedValueType> = {};
  for (const [name, type] of Object.entries(wanted)) {
    const have = custom[name];
    if (have === undefined || have === null) missing[name] = typeByName[type];
    else if (have !== typeByName[type]) {
      throw new Error(`search attribute ${name} exists in namespace ${namespace} with another type (want ${type})`);
    }
  }
  if (Object.keys(missing).length) {
    await connection.operatorService.addSearchAttributes({ namespace, searchAttributes: missing });
  }
  return Object.keys(missing);
}
