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
import { ComfyAccount_Section as section } from '../../locales/en/settings.json'

export const commandLabels = {
  signIn: signIn.label,
  signOut: signOut.label,
  openSettings: openSettings.label,
  checkSetup: checkSetup.label
} as const

export const sectionName = section.name
