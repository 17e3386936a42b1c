/**
 * The JSON Schema a user would otherwise write for connector files, generated from the same catalog the
 * language server uses: `type` is an enum of the catalog's types (with their descriptions for hover);
 * for each type an `if/then` restricts `scopes.items` to that type's scopes (enum + descriptions, and a
 * `pattern` for templated scopes such as Snowflake's `session:role:<role_name>`). Comments and trailing
 * commas are allowed (VS Code's `allowComments` / `allowTrailingCommas` schema keywords).
 */
import catalogData from '../server/src/catalog/data/catalog.json';

interface CatalogScope {
  scope: string;
  description: string;
  pattern?: string;
}
interface CatalogType {
  type: string;
  displayName: string;
  description: string;
  scopes: CatalogScope[];
}

export const CATALOG_TYPES: readonly CatalogType[] = (catalogData as unknown as { types: CatalogType[] }).types;

export function connectorJsonSchema(): Record<string, unknown> {
  const types = CATALOG_TYPES;
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Base44 connector',
    type: 'object',
    allowComments: true,
    allowTrailingCommas: true,
    required: ['type'],
    additionalProperties: false,
    properties: {
      type: {
        description: 'The connector type.',
        type: 'string',
        enum: types.map((t) => t.type),
        markdownEnumDescriptions: types.map((t) => `**${t.displayName}**\n\n${t.description}`),
      },
      scopes: {
        description: 'OAuth scopes requested for the connector.',
        type: 'array',
        items: { type: 'string' },
      },
    },
    allOf: types.map((t) => {
      const literal = t.scopes.filter((s) => !s.pattern);
      const patterns = t.scopes.filter((s) => s.pattern);
      const enumSchema = {
        type: 'string',
        enum: literal.map((s) => s.scope),
        markdownEnumDescriptions: literal.map((s) => s.description),
      };
      const items = patterns.length
        ? {
            anyOf: [
              enumSchema,
              ...patterns.map((s) => ({ type: 'string', pattern: s.pattern, description: s.description })),
            ],
          }
        : enumSchema;
      return {
        if: { properties: { type: { const: t.type } }, required: ['type'] },
        then: { properties: { scopes: { items } } },
      };
    }),
  };
}
