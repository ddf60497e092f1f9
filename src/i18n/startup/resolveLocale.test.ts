import { describe, expect, it } from 'vitest'

import { resolveLocale, textDirection } from './resolveLocale'

describe('resolveLocale', () => {
  it.for([
    ['en', 'en'],
    ['zh-TW', 'zh-TW'],
    ['zh-tw', 'zh-TW'],
    ['zh_TW', 'zh-TW'],
    ['zh-CN', 'zh'],
    ['pt-BR', 'pt-BR'],
    ['pt-PT', 'en'],
    ['fr-CA', 'fr'],
    ['he', 'he'],
    ['xx', 'en'],
    ['', 'en'],
    [undefined, 'en'],
    [42, 'en']
  ] as const)('resolves %s to %s', ([tag, expected]) => {
    expect(resolveLocale(tag)).toBe(expected)
  })

  it.for([
    ['ar', 'rtl'],
    ['fa', 'rtl'],
    ['he', 'rtl'],
    ['en', 'ltr'],
    ['ja', 'ltr']
  ] as const)('lays out %s as %s', ([locale, dir]) => {
    expect(textDirection(locale)).toBe(dir)
  })
})
