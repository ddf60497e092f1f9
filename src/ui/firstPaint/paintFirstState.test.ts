import { afterEach, describe, expect, it, vi } from 'vitest'

import { loadAccountMessages } from '@/i18n/startup/accountMessages'
import { supportedLocales, textDirection } from '@/i18n/startup/resolveLocale'

import { fakeAccount } from '../../../tests/support/fakeServices'
import { settle } from '../../../tests/support/sectionDom'
import { mountAccountSection } from '../mountAccountSection'
import { paintFirstState } from './paintFirstState'

/** Markup as a user's browser shows it: Vue's placeholder comments and source whitespace aside. */
function shown(root: HTMLElement): string {
  const html = root
    .querySelector('section.comfy-account')!
    .outerHTML.replace(/<!--[\s\S]*?-->/g, '')
    .replace(' data-first-paint=""', '')
    .replace(/>\s+</g, '><')
    .replace(/\s+/g, ' ')
    .replace(/> /g, '>')
    .replace(/ </g, '<')
  const state = Array.from(root.querySelectorAll('input')).map(
    (input) => `${input.name}=${input.type === 'checkbox' ? input.checked : input.value}`
  )
  return `${html}\n${state.join(' ')}`
}

async function vueSection(locale: string, { restoring }: { restoring: boolean }): Promise<HTMLElement> {
  const { store } = fakeAccount(null)
  void store.start({ nothingStored: !restoring })
  const root = document.body.appendChild(document.createElement('div'))
  await mountAccountSection(root, { store, host: { locale: () => locale, toast: vi.fn() } as never })
  await settle()
  return root
}

async function painted(locale: (typeof supportedLocales)[number], { restoring }: { restoring: boolean }) {
  const root = document.body.appendChild(document.createElement('div'))
  const section = paintFirstState(root, {
    messages: await loadAccountMessages(locale),
    fallback: await loadAccountMessages('en'),
    dir: textDirection(locale),
    restoring
  })
  return { root, section }
}

afterEach(() => {
  document.body.innerHTML = ''
})

describe('the first paint', () => {
  it.each(supportedLocales)('is the sign-in form Vue draws, in %s', async (locale) => {
    const vue = await vueSection(locale, { restoring: false })
    const { root, section } = await painted(locale, { restoring: false })
    expect(section).toBeDefined()
    expect(shown(root)).toBe(shown(vue))
  })

  it.each(['en', 'ar'] as const)(
    'opens and closes "Trouble signing in?" as Vue does, in %s',
    async (locale) => {
      const vue = await vueSection(locale, { restoring: false })
      const { root } = await painted(locale, { restoring: false })
      const toggle = (of: HTMLElement) => of.querySelector<HTMLButtonElement>('.ca-help-toggle')!
      toggle(vue).click()
      toggle(root).click()
      await settle()
      expect(root.querySelectorAll('.ca-help li')).toHaveLength(7)
      expect(shown(root)).toBe(shown(vue))

      toggle(vue).click()
      toggle(root).click()
      await settle()
      expect(toggle(root).getAttribute('aria-expanded')).toBe('false')
      expect(root.querySelector('.ca-help ul')).toBeNull()
      expect(shown(root)).toBe(shown(vue))
    }
  )

  it.each(['en', 'ar'] as const)(
    'is the "checking" state Vue draws while a session may be stored, in %s',
    async (locale) => {
      const vue = await vueSection(locale, { restoring: true })
      const { root } = await painted(locale, { restoring: true })
      expect(root.textContent).not.toBe('')
      expect(shown(root)).toBe(shown(vue))
    }
  )

  it('draws nothing when a string is missing, so no field goes unlabelled', async () => {
    const root = document.body.appendChild(document.createElement('div'))
    root.textContent = 'Loading…'
    expect(
      paintFirstState(root, { messages: {}, fallback: {}, dir: 'ltr', restoring: false })
    ).toBeUndefined()
    expect(root.textContent).toBe('Loading…')
  })
})
