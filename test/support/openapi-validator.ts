/**
 * Validates responses against the OpenAPI 3.1 document the server publishes (its schemas are JSON Schema 2020-12).
 * Used by contract tests: a route whose answer drifts from its documentation fails.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

interface OpenApiDoc {
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>>;
  components?: { schemas?: Record<string, unknown> };
}

export class OpenApiValidator {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true });
  private readonly cache = new Map<string, ValidateFunction | null>();
  readonly checked: string[] = [];

  constructor(private readonly doc: OpenApiDoc) {
    (addFormats as unknown as (a: Ajv2020) => void)(this.ajv);
    this.ajv.addSchema({ $id: 'openapi', components: doc.components ?? {} });
  }

  /** Throws with the schema errors when `body` does not match the documented response. */
  validate(method: string, pathTemplate: string, status: number, body: unknown): void {
    const key = `${method.toLowerCase()} ${pathTemplate} ${status}`;
    let fn = this.cache.get(key);
    if (fn === undefined) {
      const op = this.doc.paths[pathTemplate]?.[method.toLowerCase()];
      if (!op) throw new Error(`OpenAPI document has no ${method} ${pathTemplate}`);
      const res = op.responses[String(status)];
      if (!res) throw new Error(`OpenAPI document has no ${status} response for ${method} ${pathTemplate}`);
      const schema = res.content?.['application/json']?.schema;
      fn = schema ? this.ajv.compile(JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"openapi#/components/'))) : null;
      this.cache.set(key, fn);
    }
    this.checked.push(key);
    if (fn && !fn(body)) {
      throw new Error(`${key} does not match the OpenAPI document: ${this.ajv.errorsText(fn.errors, { separator: '; ' })}`);
    }
  }
}
