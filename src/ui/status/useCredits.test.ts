import { describe, expect, it } from 'vitest'

import { timeAgo } from './useCredits'

const NOW = 1_800_000_000_000

describe('timeAgo', () => {
  it.for([
    [0, 'en', 'now'],
    [44_000, 'en', 'now'],
    [61_000, 'en', '1 minute ago'],
    [5 * 60_000, 'en', '5 minutes ago'],
    [2 * 3_600_000, 'en', '2 hours ago'],
    [26 * 3_600_000, 'en', 'yesterday'],
    [3 * 60_000, 'fr', 'il y a 3 minutes']
  ] as const)('%i ms ago in %s → %s', ([age, locale, expected]) => {
    expect(timeAgo(NOW - age, NOW, locale)).toBe(expected)
  })
})
