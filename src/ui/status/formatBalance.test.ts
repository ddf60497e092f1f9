import { describe, expect, it } from 'vitest'

import { formatBalance } from './formatBalance'

describe('formatBalance', () => {
  it.for([
    // A currency code: money, in the UI language.
    [5_000_000, 'usd', 'en', '$5.00'],
    [5_000_000, 'USD', 'en', '$5.00'],
    [5_000_000, ' usd ', 'en', '$5.00'],
    [1_250_000, 'usd', 'fr', '1,25\u00a0$US'],
    [5_000_000, 'eur', 'de', '5,00\u00a0€'],
    [0, 'usd', 'en', '$0.00'],
    // A well-formed code Intl has no symbol for still reads as money.
    [5_000_000, 'xyz', 'en', 'XYZ\u00a05.00'],
    // What Intl rejects: the number, and the code as it came.
    [5_000_000, '', 'en', '5'],
    [5_000_000, 'credits', 'en', '5 credits'],
    [1_250_000, 'credits', 'de', '1,25 credits'],
    [1_234_567, 'US dollars', 'en', '1.23 US dollars'],
    // A locale Intl rejects: its default locale, never an exception.
    [5_000_000, 'credits', 'not a locale!', '5 credits']
  ] as const)('%i micros of "%s" in %s → %s', ([micros, currency, locale, expected]) => {
    expect(formatBalance(micros, currency, locale)).toBe(expected)
  })
})
