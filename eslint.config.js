import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['out/**', 'release/**', 'test-results/**', 'playwright-report/**', 'node_modules/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // shared/ is used by every process: it must not reach for Node, Electron or React.
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['node:*', 'fs', 'path', 'child_process', 'electron', 'react', 'react-dom'] },
      ],
    },
  },
  {
    // The renderer reaches vnmd only through window.vnm (renderer/src/api/vnm-api.ts). Outside
    // its own folder a file imports by alias (@/..., @shared/...), never by climbing with ../.
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron', 'node:*'], message: 'The renderer reaches vnmd only through window.vnm.' },
            { group: ['../*'], message: 'Import from another folder by alias: @/… or @shared/….' },
          ],
        },
      ],
    },
  },
  {
    // Process seams: vnmd and its clients meet only at the socket. What both sides must agree
    // on (the default socket paths, the line framing) lives in electron/wire/.
    files: ['electron/helper/**/*.ts'],
    ignores: ['electron/helper/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '**/client',
                '**/client/*',
                '**/main',
                '**/main/*',
                '**/cli',
                '**/cli/*',
                '**/sandbox',
                '**/sandbox/*',
                'electron',
                'electron/*',
              ],
              message:
                'vnmd does not import its clients or the app: share through electron/wire/ or shared/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/client/**/*.ts', 'electron/main/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/helper', '**/helper/*', '**/helper/**'],
              message:
                'The client and the app reach vnmd through the socket only: share through electron/wire/ or shared/.',
            },
          ],
        },
      ],
    },
  },
  { files: ['**/*.{js,mjs,cjs}'], extends: [tseslint.configs.disableTypeChecked] },
);
