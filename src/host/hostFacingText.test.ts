import { describe, expect, it } from 'vitest'

import settings from '../../locales/en/settings.json'

import { idleMinutesFrom, idleSignOutSetting } from './hostFacingText'

describe('the idle sign-out setting', () => {
  it('offers exactly the choices the locale files translate, in their order', () => {
    expect(idleSignOutSetting.options.map((option) => option.text)).toEqual(
      Object.keys(settings.ComfyAccount_IdleSignOutMinutes.options)
    )
    expect(idleSignOutSetting.tooltip).toBe(settings.ComfyAccount_IdleSignOutMinutes.tooltip)
  })

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
