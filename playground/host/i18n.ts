// The host's own vue-i18n instance. Like ComfyUI, it holds a few built-in strings and merges the
// custom nodes' messages from `GET /api/i18n` over them; settings labels are looked up as
// `settingsCategories.<label>` and `settings.<Id_with_underscores>.name` with the raw text as fallback.
import { createI18n } from 'vue-i18n'

/** ComfyUI's `Comfy.Locale` values (1.24 had the first eight). */
export const LOCALES = [
  { value: 'en', text: 'English' },
  { value: 'zh', text: '中文' },
  { value: 'zh-TW', text: '繁體中文' },
  { value: 'ru', text: 'Русский' },
  { value: 'ja', text: '日本語' },
  { value: 'ko', text: '한국어' },
  { value: 'fr', text: 'Français' },
  { value: 'es', text: 'Español' },
  { value: 'ar', text: 'عربي' },
  { value: 'tr', text: 'Türkçe' },
  { value: 'pt-BR', text: 'Português (BR)' },
  { value: 'fa', text: 'فارسی' },
  { value: 'he', text: 'עברית' },
  { value: 'it', text: 'Italiano' }
] as const satisfies readonly { value: string; text: string }[]

export type Locale = (typeof LOCALES)[number]['value']

/** Full tag, then base language, else English (docs/host-contract.md, "Loading"). */
export function resolveLocale(tag: string | undefined): Locale {
  const known = LOCALES.map((l) => l.value) as string[]
  if (tag && known.includes(tag)) return tag as Locale
  const base = tag?.split('-')[0]
  if (base && known.includes(base)) return base as Locale
  return 'en'
}

/** ComfyUI's i18n key normalisation: dots would be read as nesting. */
export const normalizeI18nKey = (key: string): string => key.replace(/\./g, '_')

interface Messages {
  [key: string]: string | Messages
}

const en: Messages = {
  g: {
    settings: 'Settings',
    error: 'Error',
    confirm: 'Confirm',
    cancel: 'Cancel',
    loading: 'Loading…',
    experimental: 'BETA',
    deprecated: 'DEPR'
  },
  settingsCategories: {
    Account: 'Account',
    ApplicationSettings: 'Application Settings',
    SpecialSettings: 'Special Settings',
    User: 'User',
    Comfy: 'Comfy',
    Locale: 'Locale',
    Appearance: 'Appearance',
    ColorPalette: 'Color palette',
    Extension: 'Extension',
    About: 'About',
    Credits: 'Credits',
    Other: 'Other'
  },
  settings: {
    Comfy_Locale: { name: 'Language' },
    Comfy_ColorPalette: { name: 'Color palette', options: { dark: 'Dark', light: 'Light' } }
  },
  userSettings: {
    title: 'User',
    apiKey: 'API key',
    email: 'Email',
    provider: 'Provider',
    notSignedIn: 'Not signed in',
    signIn: 'Sign in',
    logOut: 'Log out',
    enterApiKey: 'Enter API key',
    apiKeyPromptMessage: 'Paste a Comfy API key (it is kept in this browser only).'
  },
  hostSignIn: {
    title: 'Sign in',
    email: 'Email',
    password: 'Password',
    submit: 'Sign in',
    useApiKey: 'Use an API key instead'
  },
  creditsPanel: {
    title: 'Credits',
    balance: 'Balance',
    error: 'Could not load the balance',
    notSignedIn: 'not signed in'
  },
  auth: { loggedOut: 'Logged out', apiKeyStored: 'API key stored', apiKeyCleared: 'API key cleared' },
  extensionPanel: { title: 'Extensions', disabled: 'disabled', none: 'No extension registered.' },
  aboutPanel: { title: 'About', badges: 'Badges' },
  userSelect: {
    existingUser: 'Existing user',
    selectUser: 'Select a user',
    next: 'Next',
    newUser: 'New user',
    enterUsername: 'Enter a username',
    create: 'Create'
  }
}

const zh: Messages = {
  g: { settings: '设置', error: '错误', confirm: '确认', cancel: '取消', loading: '加载中…' },
  settingsCategories: {
    Account: '账户',
    ApplicationSettings: '应用设置',
    SpecialSettings: '特殊设置',
    User: '用户',
    Comfy: 'Comfy',
    Locale: '区域设置',
    Appearance: '外观',
    ColorPalette: '调色板',
    Extension: '扩展',
    About: '关于',
    Other: '其他'
  },
  settings: {
    Comfy_Locale: { name: '语言' },
    Comfy_ColorPalette: { name: '调色板', options: { dark: '深色', light: '浅色' } }
  },
  userSettings: {
    title: '用户',
    apiKey: 'API 密钥',
    notSignedIn: '未登录',
    logOut: '登出',
    enterApiKey: '输入 API 密钥'
  },
  auth: { loggedOut: '已登出' },
  extensionPanel: { title: '扩展', disabled: '已禁用', none: '没有已注册的扩展。' },
  aboutPanel: { title: '关于', badges: '徽章' }
}

const fr: Messages = {
  g: { settings: 'Paramètres', error: 'Erreur', confirm: 'Confirmer', cancel: 'Annuler' },
  settingsCategories: {
    Account: 'Compte',
    User: 'Utilisateur',
    Locale: 'Langue',
    Extension: 'Extension',
    About: 'À propos'
  },
  settings: { Comfy_Locale: { name: 'Langue' }, Comfy_ColorPalette: { name: 'Palette de couleurs' } },
  userSettings: { title: 'Utilisateur', notSignedIn: 'Non connecté', logOut: 'Se déconnecter' }
}

export const i18n = createI18n({
  legacy: false,
  locale: 'en' as string,
  fallbackLocale: 'en',
  messages: { en, zh, fr } as Record<string, Messages>,
  // Missing keys are normal here (every lookup has a fallback text): keep the console readable.
  missingWarn: false,
  fallbackWarn: false
})

export function t(key: string, fallback?: string): string {
  return fallback === undefined ? i18n.global.t(key) : i18n.global.t(key, fallback)
}

/** Merges `GET /api/i18n` over the built-in messages (ComfyUI's `mergeCustomNodesI18n`). */
export function mergeCustomNodesI18n(messages: Record<string, Record<string, unknown>>): void {
  for (const [locale, localeMessages] of Object.entries(messages)) {
    i18n.global.mergeLocaleMessage(locale, localeMessages)
  }
}

export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale
}
