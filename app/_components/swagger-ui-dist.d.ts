// swagger-ui-dist ships no types; the portal uses only its bundle's constructor (app/_components/api-reference.tsx).
declare module "swagger-ui-dist/swagger-ui-bundle.js" {
  /** Renders Swagger UI into `domNode` (options as in Swagger UI's configuration docs). */
  const SwaggerUIBundle: (options: Record<string, unknown>) => unknown;
  export default SwaggerUIBundle;
}
