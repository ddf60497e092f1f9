/**
 * The English names ComfyUI shows for our settings and commands. ComfyUI translates them itself
 * from locales/<lang>/settings.json and commands.json, which its server merges (docs/host-contract.md,
 * "Locales"), and falls back to the English given here: so both come from the same files.
 */
import {
  ComfyAccount_CheckSetup as checkSetup,
  ComfyAccount_OpenSettings as openSettings,
  ComfyAccount_SignIn as signIn,
  ComfyAccount_SignOut as signOut
} from '../../locales/en/commands.json'
import {
  ComfyAccount_IdleSignOutMinutes as idleSignOut,
  ComfyAccount_Section as section
} from '../../locales/en/settings.json'

export const commandLabels = {
  signIn: signIn.label,
  signOut: signOut.label,
  openSettings: openSettings.label,
  checkSetup: checkSetup.label
} as const

export const sectionName = section.name

/**
 * The idle sign-out choices: the texts are the locale files' option keys (ComfyUI translates a
 * combo option by its English text), the minutes are ours; `satisfies` keeps the two in step.
 */
const idleMinutesByText = {
  Never: 0,
  '15 minutes': 15,
  '30 minutes': 30,
  '1 hour': 60,
  '4 hours': 240
} as const satisfies Record<keyof typeof idleSignOut.options, number>

export const idleSignOutSetting = {
  name: idleSignOut.name,
  tooltip: idleSignOut.tooltip,
  options: Object.entries(idleMinutesByText).map(([text, value]) => ({ text, value }))
}

/** A stored choice ComfyUI hands back (hand-edited settings included), as minutes; 0 is off. */
export function idleMinutesFrom(value: unknown): number {
  const minutes = Number(value)
  return Object.values<number>(idleMinutesByText).includes(minutes) ? minutes : 0
}
