/**
 * The layers depend one way: common ← persistence ← engine ← governance ← access ← apps.
 * A library may import only the libraries below it; `npm run lint` (and so CI) fails otherwise.
 */
const layers = ['common', 'persistence', 'engine', 'governance', 'access'];
const above = (layer) => layers.slice(layers.indexOf(layer) + 1);

module.exports = {
  forbidden: [
    ...layers.slice(0, -1).map((layer) => ({
      name: `${layer}-imports-only-below`,
      comment: `libs/${layer} may import only ${layers.slice(0, layers.indexOf(layer)).join(', ') || 'no other library'}`,
      severity: 'error',
      from: { path: `^libs/${layer}/` },
      to: { path: `^libs/(${above(layer).join('|')})/` },
    })),
    {
      name: 'libs-never-import-apps',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'no-circular',
      comment: 'a cycle means a boundary is wrong',
      severity: 'error',
      from: { path: '^(libs|apps)/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|node_modules)/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
