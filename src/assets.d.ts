// Files imported `with { type: 'file' }` (Bun): the default export is the file's path, on disk or
// embedded in a compiled binary.
declare module '*.zip' {
  const path: string;
  export default path;
}
declare module 'swagger-ui-dist/*' {
  const path: string;
  export default path;
}
