/**
 * Architecture rules checked by `npm run check:boundaries` (part of `npm test`).
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'no-service-to-service',
      comment:
        'Services talk only through events on Kafka; importing another service’s code would couple ' +
        'their releases and let one read the other’s database.',
      severity: 'error',
      from: { path: '^services/([^/]+)/' },
      to: { path: '^services/([^/]+)/', pathNot: '^services/$1/' },
    },
    {
      name: 'libs-not-to-services',
      comment: 'Shared libraries serve every service; depending on one service would make them its private code.',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^services/' },
    },
    {
      name: 'contracts-import-nothing-internal',
      comment:
        'The contract library is what integrators and every service depend on; it must stay free of ' +
        'framework and infrastructure code so that it can be published and versioned on its own.',
      severity: 'error',
      from: { path: '^libs/contracts/' },
      to: { path: '^(libs/(?!contracts/)|services/|deploy/|test/)' },
    },
    {
      name: 'production-code-not-to-testing',
      comment: 'Test helpers start infrastructure and relax isolation; they must never ship in a service.',
      severity: 'error',
      from: { path: '^(services|libs)/', pathNot: ['\\.(int-)?spec\\.ts$', '^libs/testing/'] },
      to: { path: '^libs/testing/' },
    },
    {
      name: 'no-circular',
      comment: 'Cycles make module initialisation order fragile and hide layering mistakes.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that does not resolve fails at run time; catch it here.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|\\.local|node_modules)/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
