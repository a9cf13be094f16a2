// Maps the tsconfig path aliases (@onewindow/*) to jest's moduleNameMapper, so the aliases live in one place.
const base = require('../tsconfig.base.json');
exports.pathsToModuleNameMapper = () => {
  const out = {};
  for (const [alias, [target]] of Object.entries(base.compilerOptions.paths)) {
    out['^' + alias.replace('/', '\\/') + '$'] = '<rootDir>/' + target;
  }
  return out;
};
