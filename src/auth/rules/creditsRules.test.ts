import { describe, expect, it } from 'vitest'

import {
  CREDITS_TIMING,
  creditsStanding,
  mayRefreshAtGlance,
  runCheck,
  type KnownBalance
} from './creditsRules'

const NOW = 1_800_000_000_000
const known = (amountMicros: number | null, ageMs = 0): KnownBalance => ({
  balance: amountMicros === null ? null : { amountMicros, currency: 'usd' },
  at: NOW - ageMs
})

describe('creditsStanding', () => {
  it.for([
    [undefined, 'unknown'],
    [known(null), 'empty'],
    [known(0), 'empty'],
    [known(-1), 'negative'],
    [known(-2_500_000), 'negative'],
    [known(1), 'low'],
    [known(999_999), 'low'],
    [known(1_000_000), 'enough'],
    [known(5_000_000), 'enough']
  ] as const)('%o → %s', ([balance, standing]) => {
    expect(creditsStanding(balance)).toBe(standing)
  })
})

describe('runCheck', () => {
  const stale = CREDITS_TIMING.staleBeforeRunMs + 1
  it.for([
    ['no balance known yet', undefined, 'readFirst'],
    ['a fresh positive balance', known(5_000_000), 'run'],
    ['a fresh low balance (still pays)', known(10), 'run'],
    ['a fresh zero', known(0), 'ask'],
    ['a fresh negative balance', known(-1_000_000), 'ask'],
    ['no customer yet', known(null), 'ask'],
    ['a stale zero', known(0, stale), 'readFirst'],
    ['a stale positive balance', known(5_000_000, stale), 'readFirst'],
    ['a reading "from the future" (clock went back)', known(0, -60_000), 'readFirst']
  ] as const)('%s → %s', ([, balance, check]) => {
    expect(runCheck(balance, NOW)).toBe(check)
  })
})

describe('mayRefreshAtGlance', () => {
  it.for([
    ['never tried', null, true],
    ['tried 10 s ago', NOW - 10_000, false],
    ['tried 59 s ago', NOW - 59_999, false],
    ['tried a minute ago', NOW - 60_000, true],
    ['a time in the future (clock went back)', NOW + 5_000, true]
  ] as const)('%s → %s', ([, last, expected]) => {
    expect(mayRefreshAtGlance(last, NOW)).toBe(expected)
  })
})
