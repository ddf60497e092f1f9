/**
 * The first open's quick path: our strings and this small module are all it takes to draw the
 * section's first state, while Vue, the store and Firebase load beside it (README: Performance).
 */
import { addressFacts } from '@/auth/rules/addressFacts'
import { loadAccountMessages } from '@/i18n/startup/accountMessages'
import { textDirection, type SupportedLocale } from '@/i18n/startup/resolveLocale'

import { paintFirstState } from './paintFirstState'
import { holdActions, type PendingActions } from './takeOver'

export interface FirstPaint {
  section: HTMLElement
  pending: PendingActions
}

export interface ShowFirstPaintOptions {
  locale: SupportedLocale
  /** The start-up storage probe: a session may be stored. */
  stored: boolean
}

export async function showFirstPaint(
  root: HTMLElement,
  { locale, stored }: ShowFirstPaintOptions
): Promise<FirstPaint | undefined> {
  // At an address with warnings of its own (plain HTTP, no Google/GitHub), Vue draws the section.
  const address = addressFacts(window.location)
  if (!stored && (address.insecureRemote || !address.oauthAvailable)) return undefined
  const [messages, fallback] = await Promise.all([loadAccountMessages(locale), loadAccountMessages('en')])
  const section = paintFirstState(root, { messages, fallback, dir: textDirection(locale), restoring: stored })
  return section && { section, pending: holdActions(section) }
}
