/** A plain JSON object (OpenAPI fragments). */
export type Json = Record<string, unknown>;
