import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * The domain's contexts in dependency order (README, "The house"): a context imports only the contexts before
 * it, and only through their index.ts. `decisions` and `plans` will sit between responses and reporting.
 */
const CONTEXTS = [
  'shared',
  'agencies',
  'accounts',
  'calls',
  'notifications',
  'proposals',
  'endorsements',
  'assignments',
  'responses',
  'decisions',
  'plans',
  'reporting',
  'demo',
];

const contextZones = CONTEXTS.map((ctx, i) => ({
  files: [`libs/domain/src/${ctx}/**/*.ts`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          ...CONTEXTS.slice(i + 1).map((later) => ({
            group: [`../${later}`, `../${later}/*`],
            message: `${ctx} comes before ${later} in the context order: it cannot import it (README, "The house").`,
          })),
          ...CONTEXTS.slice(0, i).map((earlier) => ({
            group: [`../${earlier}/*`, `!../${earlier}/index.js`],
            message: `import ${earlier} through its index.ts only.`,
          })),
          { group: ['../index.js', '../domain.module.js'], message: 'a context does not import the whole domain.' },
          { group: ['#domain'], message: 'inside the domain, import a context by its relative index.ts.' },
        ],
      },
    ],
  },
}));

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': ['error', { allow: ['error', 'warn', 'log'] }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    // Domain code never reads the environment: configuration is injected (AppConfig).
    files: ['libs/domain/**/*.ts', 'libs/auth/**/*.ts', 'libs/mail/**/*.ts', 'libs/queue/**/*.ts'],
    rules: { 'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'inject AppConfig instead' }] },
  },
  ...contextZones,
  {
    // The libraries under the domain never reach up into it.
    files: ['libs/{config,database,queue,mail,auth,i18n}/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['#domain', '**/domain/src/**'], message: 'libraries do not depend on the domain.' }] },
      ],
    },
  },
  {
    // Apps, tests and benchmarks use the domain through #domain only.
    files: ['apps/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ group: ['**/libs/domain/**'], message: "import the domain from '#domain'." }],
          paths: [
            {
              name: 'class-validator',
              importNames: ['MaxLength', 'MinLength', 'Length'],
              message: 'use MaxLength/MinLength of apps/api/src/common/text.ts: they count code points, as the database does.',
            },
          ],
        },
      ],
    },
  },
);
