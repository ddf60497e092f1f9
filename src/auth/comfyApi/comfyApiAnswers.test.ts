import { describe, expect, it } from 'vitest'

import { parseBalance } from './comfyApiAnswers'

describe('parseBalance', () => {
  it.for([
    [
      'a balance',
      { amount_micros: 5_000_000, currency: 'usd' },
      { amountMicros: 5_000_000, currency: 'usd' }
    ],
    ['zero', { amount_micros: 0, currency: 'usd' }, { amountMicros: 0, currency: 'usd' }],
    ['a debt', { amount_micros: -1_250_000, currency: 'usd' }, { amountMicros: -1_250_000, currency: 'usd' }],
    ['no currency (usd, as the API documents)', { amount_micros: 1 }, { amountMicros: 1, currency: 'usd' }],
    ['no amount', { currency: 'usd' }, undefined],
    ['an amount as text', { amount_micros: '5000000', currency: 'usd' }, undefined],
    ['null', { amount_micros: null }, undefined],
    ['an implausibly large amount', { amount_micros: 1e21, currency: 'usd' }, undefined],
    ['an implausibly large debt', { amount_micros: -1e18, currency: 'usd' }, undefined],
    ['not an object', [1, 2], undefined]
  ] as const)('%s', ([, body, expected]) => {
    expect(parseBalance(body)).toEqual(expected)
  })

  it('rejects NaN and infinities (a JSON parser never makes them, a proxy might)', () => {
    expect(parseBalance({ amount_micros: Number.NaN })).toBeUndefined()
    expect(parseBalance({ amount_micros: Number.POSITIVE_INFINITY })).toBeUndefined()
  })
})
