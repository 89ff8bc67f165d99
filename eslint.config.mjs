// Lint rules that guard the architecture: imports point one way (vscode → core ← openai),
// and no promise is dropped on the floor (an unhandled rejection in the extension host is
// a silent failure the user never sees).
import tseslint from 'typescript-eslint';

const layer = (message, ...groups) => ({
  'no-restricted-imports': ['error', { patterns: groups.map((group) => ({ group, message })) }],
});

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test/e2e/**', '.e2e-run/**', '*.mjs', 'bench/contextCorpus/**'] },
  {
    files: ['src/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    extends: [tseslint.configs.base],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      'no-control-regex': 'error',
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: layer(
      'src/core is the pure engine: it owns its ports (src/core/ports.ts) and imports neither the client nor vscode.',
      ['vscode', '**/openai', '**/openai/**', '**/vscode/**'],
    ),
  },
  {
    files: ['src/openai/**/*.ts'],
    rules: layer('src/openai implements core\'s ports; only src/vscode may touch the vscode API.', ['vscode', '**/vscode/**']),
  },
);
