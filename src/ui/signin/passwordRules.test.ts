import { describe, expect, it } from 'vitest'

import { checkPassword, isStrongPassword } from './passwordRules'

describe('password rules', () => {
  it.for([
    ['', { length: false, upper: false, lower: false, digit: false, symbol: false }],
    ['Abcdef1!', { length: true, upper: true, lower: true, digit: true, symbol: true }],
    ['abcdefgh', { length: true, upper: false, lower: true, digit: false, symbol: false }],
    ['ABCDEFG1', { length: true, upper: true, lower: false, digit: true, symbol: false }],
    ['Ab1!', { length: false, upper: true, lower: true, digit: true, symbol: true }],
    [`Ab1!${'x'.repeat(29)}`, { length: false, upper: true, lower: true, digit: true, symbol: true }],
    ['Äbcdéf1?', { length: true, upper: true, lower: true, digit: true, symbol: true }],
    ['Abcdef1 ', { length: true, upper: true, lower: true, digit: true, symbol: false }]
  ] as const)('%j', ([password, expected]) => {
    expect(checkPassword(password)).toEqual(expected)
  })

  it('is strong only when every rule holds', () => {
    expect(isStrongPassword('Abcdef1!')).toBe(true)
    expect(isStrongPassword('Abcdefg1')).toBe(false)
  })
})
