import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const ioModules = [
  'axios',
  'ioredis',
  'bullmq',
  'node-cron',
  'pino',
  'dotenv',
  'node:fs',
  'node:fs/promises',
  'node:http',
  'node:net',
];

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'coverage', 'bin'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      curly: ['error', 'all'],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/emulator/**', 'src/demo/**', 'src/cli.ts', 'src/cli/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/emulator/**'],
              message: 'Only the demo, the CLI and tests use the emulator.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ioModules.map((name) => ({ name, message: 'src/domain is pure: no I/O.' })),
          patterns: [
            {
              group: [
                '**/bitrix/**',
                '**/chat/**',
                '**/jobs/**',
                '**/store/**',
                '**/emulator/**',
                '**/runtime/**',
              ],
              message: 'src/domain is pure: it imports no adapters.',
            },
            {
              group: ['**/config/**'],
              message:
                'src/domain owns its model (domain/department/); src/config parses the file into it.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', { name: 'process', message: 'src/domain reads no env.' }],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'src/domain takes "now" as an argument.' },
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/require-await': 'off' },
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);
