/**
 * Locale parity: every language ComfyUI offers has locales/<lang>/{main,settings,commands,account}.json with
 * exactly the English keys, the same {placeholders}, no empty strings, no untranslated sentences,
 * brand names left as they are and no vue-i18n syntax the English text does not have. ComfyUI's
 * server merges the first three into the host's own messages (docs/host-contract.md, "Locales"), and our section bundles
 * account.json, so a gap here shows up as English (or a raw key) in someone's UI.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

import { describe, expect, it } from 'vitest'

import { supportedLocales } from '../../src/i18n/startup/resolveLocale'

const localesDir = fileURLToPath(new URL('../../locales', import.meta.url))
const files = ['main', 'settings', 'commands', 'account'] as const
type LocaleFile = (typeof files)[number]

/** Strings that may read exactly like English in every language, whatever their length. */
const brandOnly: ReadonlySet<string> = new Set(['Google', 'GitHub', 'Comfy', 'ComfyUI', 'ComfyUI-Account'])
/** Sentences of more than this many words must be translated. */
const maxUntranslatedWords = 3
/** Names that are never translated: when the English text has one, the translation keeps it. */
const untranslatable = ['ComfyUI-Account', 'ComfyUI', 'Comfy', 'Google', 'GitHub', 'API', 'comfyui-']

type Flat = Map<string, string>

function flatten(value: unknown, prefix: string, out: Flat, file: string): Flat {
  if (typeof value === 'string') {
    out.set(prefix, value)
    return out
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`${file}: ${prefix || '(root)'} is neither a string nor an object`)
  }
  for (const [key, child] of Object.entries(value))
    flatten(child, prefix ? `${prefix}.${key}` : key, out, file)
  return out
}

function load(lang: string, file: LocaleFile): Flat {
  const path = join(localesDir, lang, `${file}.json`)
  return flatten(JSON.parse(readFileSync(path, 'utf8')) as unknown, '', new Map(), path)
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\s*(\w+)\s*\}/g)].map((m) => m[1] ?? '').sort()
}

/** Characters vue-i18n's message compiler treats as syntax, once the {placeholders} are removed. */
function syntaxCharacters(text: string): string[] {
  return [...text.replace(/\{\s*\w+\s*\}/g, '').matchAll(/[@|${}]/g)].map((m) => m[0])
}

function words(text: string): number {
  return text.trim().split(/\s+/).filter(Boolean).length
}

const languageFolders = readdirSync(localesDir)
  .filter((name) => statSync(join(localesDir, name)).isDirectory())
  .sort()
const otherLocales = supportedLocales.filter((lang) => lang !== 'en')
const english = Object.fromEntries(files.map((file) => [file, load('en', file)])) as Record<LocaleFile, Flat>

describe('locale folders', () => {
  it('has one folder for each language ComfyUI offers, and no others', () => {
    expect(languageFolders).toEqual([...supportedLocales].sort())
  })

  it.for(files)('en/%s.json has no empty strings and no vue-i18n syntax beyond placeholders', (file) => {
    const problems = [...english[file]].filter(
      ([, text]) => !text.trim() || syntaxCharacters(text).length > 0
    )
    expect(problems).toEqual([])
  })
})

describe.each(otherLocales)('%s', (lang) => {
  const translated = (file: LocaleFile) => load(lang, file)

  it.for(files)('%s.json has exactly the English keys', (file) => {
    const keys = [...translated(file).keys()]
    const englishKeys = [...english[file].keys()]
    expect({
      missing: englishKeys.filter((key) => !keys.includes(key)),
      extra: keys.filter((key) => !englishKeys.includes(key))
    }).toEqual({ missing: [], extra: [] })
  })

  it.for(files)('%s.json keeps every {placeholder} of the English text', (file) => {
    const differ = [...translated(file)]
      .filter(([key]) => english[file].has(key))
      .map(([key, text]) => ({
        key,
        english: placeholders(english[file].get(key) ?? ''),
        here: placeholders(text)
      }))
      .filter(({ english: en, here }) => en.join() !== here.join())
    expect(differ).toEqual([])
  })

  it.for(files)('%s.json has no empty strings', (file) => {
    const empty = [...translated(file)].filter(([, text]) => !text.trim()).map(([key]) => key)
    expect(empty).toEqual([])
  })

  it.for(files)('%s.json translates every sentence longer than a few words', (file) => {
    const untranslated = [...translated(file)]
      .filter(([key, text]) => text === english[file].get(key))
      .filter(([, text]) => words(text) > maxUntranslatedWords && !brandOnly.has(text))
      .map(([key]) => key)
    expect(untranslated).toEqual([])
  })

  it.for(files)('%s.json leaves brand names and the key prefix untranslated', (file) => {
    const lost = [...translated(file)].flatMap(([key, text]) => {
      const source = english[file].get(key) ?? ''
      return untranslatable
        .filter((name) => source.includes(name) && !text.includes(name))
        .map((name) => `${key}: ${name}`)
    })
    expect(lost).toEqual([])
  })

  it.for(files)('%s.json uses no vue-i18n syntax (@ | $ { }) beyond the placeholders', (file) => {
    const syntax = [...translated(file)]
      .filter(([, text]) => syntaxCharacters(text).length > 0)
      .map(([key, text]) => `${key}: ${syntaxCharacters(text).join(' ')}`)
    expect(syntax).toEqual([])
  })
})

describe('settings categories shared with the host', () => {
  // ComfyUI's server merges our main.json over its own, so `settingsCategories.User` must be the
  // host's own translation or we would rename its built-in page (Comfy-Org/ComfyUI_frontend
  // src/locales/<lang>/main.json).
  const hostUser: Record<string, string> = {
    en: 'User',
    zh: '用户',
    'zh-TW': '使用者',
    ja: 'ユーザー',
    ko: '사용자',
    ru: 'Пользователь',
    fr: 'Utilisateur',
    es: 'Usuario',
    ar: 'المستخدم',
    tr: 'Kullanıcı',
    'pt-BR': 'Usuário',
    fa: 'کاربر',
    he: 'משתמש',
    it: 'Utente'
  }

  it('sends the host only what it shows: main.json holds nothing but the nav labels', () => {
    // Everything in main.json travels in every page load's `GET /api/i18n` and is merged into
    // the host's messages at start-up; our own UI strings live in account.json, loaded lazily.
    for (const lang of supportedLocales) {
      expect([...load(lang, 'main').keys()].sort()).toEqual([
        'settingsCategories.Comfy Account',
        'settingsCategories.User'
      ])
    }
  })

  it.for(supportedLocales)('%s keeps the host’s word for "User"', (lang) => {
    expect(load(lang, 'main').get('settingsCategories.User')).toBe(hostUser[lang])
  })
})
