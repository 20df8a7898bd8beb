// ESLint for the pages' scripts and their unit tests. Run from tracking-service/ (JavaScriptChecksTests does, and
// `npm run lint` here): with -c, file patterns are relative to the working directory.
import js from '@eslint/js';
import globals from 'globals';

export default [
  {
    files: ['src/main/resources/static/assets/**/*.js'],
    ...js.configs.recommended,
    languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: globals.browser },
  },
  {
    files: ['src/test/js/**/*.mjs', 'src/test/js/**/*.js'],
    ...js.configs.recommended,
    languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: globals.node },
  },
];
