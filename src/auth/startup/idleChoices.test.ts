import { describe, expect, it } from 'vitest'

import { idleMinutesFrom } from './idleChoices'

describe('a stored idle sign-out choice', () => {
  it.for([
    { stored: 15, minutes: 15 },
    { stored: 240, minutes: 240 },
    { stored: 0, minutes: 0 },
    // Hand-edited comfy.settings.json, or an older version's value: off, never a surprise limit.
    { stored: 7, minutes: 0 },
    { stored: '15', minutes: 15 },
    { stored: 'soon', minutes: 0 },
    { stored: undefined, minutes: 0 },
    { stored: -15, minutes: 0 }
  ])('a stored $stored means $minutes minutes', ({ stored, minutes }) => {
    expect(idleMinutesFrom(stored)).toBe(minutes)
  })
})
