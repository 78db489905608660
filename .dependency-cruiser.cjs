/**
 * The import rules of src/ (README "For contributors"). Checked by `npm run lint:deps`, part of `npm test`.
 * Layers: domain (pure rules) <- store, gas, i18n <- app (the RPC kernel: caller, errors, config) <- features
 * <- rpc (the server) <- entry. A feature is used by others only through its index.ts.
 */
module.exports = {
  forbidden: [
    {
      name: "domain-is-pure",
      comment: "src/domain imports nothing of ours but src/domain (no Apps Script, no store, no features).",
      severity: "error",
      from: { path: "^src/domain/" },
      to: { path: "^src/", pathNot: "^src/domain/" },
    },
    {
      name: "lower-layers-do-not-import-up",
      comment: "store, gas and i18n are the toolkit features build on: they never import app, features or rpc.",
      severity: "error",
      from: { path: "^src/(store|gas|i18n)/" },
      to: { path: "^src/(app|features|rpc)/" },
    },
    {
      name: "app-does-not-import-features",
      severity: "error",
      from: { path: "^src/app/" },
      to: { path: "^src/(features|rpc)/" },
    },
    {
      name: "features-through-index",
      comment: "A feature uses another feature only through that feature's index.ts.",
      severity: "error",
      from: { path: "^src/features/([^/]+)/" },
      to: { path: "^src/features/([^/]+)/", pathNot: ["^src/features/$1/", "^src/features/[^/]+/index\\.ts$"] },
    },
    {
      name: "outside-src-through-index",
      comment: "The sidebar, the tools and the bench use a feature through its index.ts too (tests may reach inside).",
      severity: "error",
      from: { path: "^(sidebar|bench|local)/" },
      to: { path: "^src/features/[^/]+/", pathNot: "^src/features/[^/]+/index\\.ts$" },
    },
    {
      name: "only-entry-imports-the-server",
      comment:
        "Only src/entry.ts (and the tools that stand in for Apps Script) import the RPC server; the sidebar may import the contract's types.",
      severity: "error",
      from: { path: "^src/", pathNot: "^src/(entry\\.ts|program\\.ts|resident\\.ts|rpc/)" },
      to: { path: "^src/rpc/" },
    },
    {
      name: "gas-only-in-src-gas",
      comment: "The emulator is for tools and tests; the add-on never imports it.",
      severity: "error",
      from: { path: "^src/" },
      to: { path: "^packages/" },
    },
    {
      name: "no-cycles",
      comment: "No import cycle, inside a folder or between folders.",
      severity: "error",
      from: { path: "^src/" },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    exclude: { path: "(^|/)(node_modules|dist)/" },
  },
};
