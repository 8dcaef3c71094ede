// Next resolves `server-only` to its bundled copy; this declaration lets tsc accept the side-effect import.
declare module "server-only";
