import { describe, expect, it } from 'vitest'

import { supportedLocales } from '@/i18n/startup/resolveLocale'

import { bootMessage, type BootMessageKey } from './bootMessages'

// What the section says when its own code (and so our i18n chunk) could not load, and after a
// failed retry: it must come from the start-up file, in the UI language.
const sectionFailure: BootMessageKey[] = ['sectionLoadFailed', 'loadFailedDetail', 'retry']

describe('boot messages', () => {
  it.for(supportedLocales.filter((lang) => lang !== 'en'))(
    'has the section-failure words in %s, translated',
    (lang) => {
      for (const key of sectionFailure) {
        expect(bootMessage(key, lang)).not.toBe(key)
        expect(bootMessage(key, lang)).not.toBe(bootMessage(key, 'en'))
      }
    }
  )

  it('falls back to the base language, then English', () => {
    expect(bootMessage('retry', 'fr-CA')).toBe(bootMessage('retry', 'fr'))
    expect(bootMessage('retry', 'xx')).toBe('Try again')
  })
})
