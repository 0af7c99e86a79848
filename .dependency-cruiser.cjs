// The layer boundaries of ARCHITECTURE.md, checked on the import graph (`npm run lint`, part of
// `npm test`). ESLint's no-restricted-imports catches the direct imports as you type; these rules
// catch what it cannot see: cycles, and TF.js reached through a core module.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycle',
      severity: 'error',
      comment: 'Modules that import each other, even through others, load in an order that depends on who came first.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'page-without-tfjs',
      severity: 'error',
      comment:
        'All tensor work runs in the worker: a ui or state module that reaches TF.js, even through a core module, puts it in the page bundle.',
      from: { path: '^src/(ui|state)/|^src/main\\.tsx$' },
      to: { path: '@tensorflow', reachable: true },
    },
    {
      name: 'core-is-framework-free',
      severity: 'error',
      comment:
        'The engine runs in Node (tests, CLI) as well as in the worker: it cannot lean on the page or the worker.',
      from: { path: '^src/core/' },
      to: { path: '^src/(state|worker|ui|cli)/' },
    },
    {
      name: 'worker-without-stores',
      severity: 'error',
      comment: "The worker's side of the boundary knows nothing of the page's stores; the page hands it what it needs.",
      from: { path: '^src/worker/' },
      to: { path: '^src/state/' },
    },
    {
      name: 'store-without-stores',
      severity: 'error',
      comment:
        'A store does not import another store: what it needs of the others it declares as a context that state/coordinator.ts hands it (state/store-context.ts), and reactions between stores live in the coordinator, the one module that imports them all (with its parts coordinator-backbone.ts, which follows the backbone, and coordinator-undos.ts, which makes the undos that span stores).',
      // The undo store is undo.ts with its parts (undo-store.ts holds the zustand store), which only its
      // own files import: $1 is "undo" in those (undo.ts, undo-*.ts), empty in any other module.
      from: { path: '^src/state/(undo(?=[.-])|)', pathNot: '^src/state/coordinator(-backbone|-undos)?\\.ts$' },
      to: {
        path: '^src/state/(backbone|custom-backbone|dataset-insight|lr-suggestion|model-in-use|persist|project|test-set|training|undo(-(store|held|other-project|stored))?|webcam)\\.ts$',
        pathNot: '^src/state/$1-(store|held|other-project|stored)\\.ts$',
      },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // type-only imports vanish at build time: they neither load modules nor put TF.js in a bundle
    tsPreCompilationDeps: false,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
  },
};
