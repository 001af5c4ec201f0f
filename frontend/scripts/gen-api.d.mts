// Types of gen-api.mjs for the unit test that imports it (src/api/schema.spec.ts).
export declare const SPEC: URL
export declare const OUTPUT: URL
/** The text openapi-typescript makes of api/openapi.yaml now, with \n line endings. */
export declare function generate(): Promise<string>
/** The committed src/api/schema.d.ts, with \n line endings. */
export declare function committed(): Promise<string>
