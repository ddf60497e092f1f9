// Flat config: TypeScript (type-aware, so floating promises are caught) + Vue.
import prettier from 'eslint-config-prettier'
import pluginVue from 'eslint-plugin-vue'
import tseslint from 'typescript-eslint'
import vueParser from 'vue-eslint-parser'

export default tseslint.config(
  { ignores: ['web/**', 'node_modules/**', '.playground-ext/**', 'test-results/**', 'bench-results/**'] },
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  // Formatting is Prettier's job; this turns off the lint rules that would fight it.
  prettier,
  {
    files: ['**/*.ts', '**/*.vue'],
    languageOptions: {
      parser: vueParser,
      parserOptions: {
        parser: tseslint.parser,
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
        extraFileExtensions: ['.vue']
      }
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': 'error',
      'vue/multi-word-component-names': 'off',
      'vue/no-v-html': 'error',
      'no-console': ['error', { allow: ['error', 'warn'] }]
    }
  },
  {
    // Imports flow one way: types <- auth <- store <- ui <- host <- main.ts.
    files: ['src/auth/**', 'src/types/**', 'src/config/**', 'src/i18n/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['@/store/*', '@/ui/*', '@/host/*', 'vue', 'pinia', 'comfyui:*'] }
      ]
    }
  },
  {
    files: ['src/store/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['@/ui/*', '@/host/*', 'comfyui:*'] }] }
  },
  {
    files: ['src/ui/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['@/host/*', 'comfyui:*'] }] }
  },
  {
    // Components render the view-model (useAccountView) and never reach the store or services.
    files: ['src/ui/**/*.vue'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@/host/*', 'comfyui:*'], message: 'Only src/host talks to ComfyUI.' },
            {
              group: ['@/store/*', '@/auth/*/*Client', '@/auth/*/*Storage', '@/auth/credentials/*'],
              allowTypeImports: true,
              message: 'Components use the view-model (src/ui/useAccountView.ts), not the store or services.'
            }
          ]
        }
      ]
    }
  },
  {
    files: ['scripts/**', 'dev/**', 'tests/**', 'playground/**', 'build/**', '*.config.ts'],
    rules: { 'no-console': 'off' }
  }
)
