// `npm run lint`: typescript-eslint's recommended rules, with Prettier owning the layout.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/**', 'reports/**', '.stryker-tmp*/**', 'node_modules/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      // The bridge is untyped: `any` is allowed where a value really can be anything, and said so.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Strict equality, except `x == null`, the one idiom that means "null or undefined".
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-sequences': 'error',
      'no-cond-assign': ['error', 'always'],
      'no-restricted-syntax': [
        'error',
        { selector: 'UnaryExpression[operator="+"] > BinaryExpression', message: 'No +(a == b) tricks: write what you mean.' },
      ],
    },
  },
  prettier,
);
