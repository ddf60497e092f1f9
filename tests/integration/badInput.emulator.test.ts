/**
 * Bad input against the real servers: the same hundreds of hostile values per form as
 * src/ui/AccountSection.badInput.test.ts, through the store to the Firebase Auth Emulator and our local
 * Comfy API. What a form would refuse itself (an empty field, a password that breaks a rule, a key
 * of the wrong format) never reaches a server; everything else must come back as a verdict the
 * form has a clear message for: never "unknown", never "network", never a crash.
 */
import { inMemoryPersistence } from 'firebase/auth'
import { createPinia, setActivePinia } from 'pinia'
import { beforeAll, describe, expect, inject, it } from 'vitest'

import { emulatorAdmin } from '../../dev/services/emulatorAdmin'
import { badEmails, badKeys, badSignIns, badSignUps } from '../support/badInputs'
import { checkApiKeyFormat } from '@/auth/apiKey/apiKeyFormat'
import { localConfig } from '@/config/accountConfig'
import { startAccount, type AccountCore } from '@/store/startAccount'
import { isStrongPassword } from '@/ui/signin/passwordRules'

const services = {
  authEmulatorUrl: inject('authEmulatorUrl'),
  comfyApiUrl: inject('comfyApiUrl'),
  firebaseProjectId: inject('firebaseProjectId')
}
/** Hundreds of round trips to the emulator on a busy machine. */
const BULK_TIMEOUT = 600_000
const run = `${Date.now().toString(36)}${Math.random().toString(16).slice(2, 6)}`

let core: AccountCore

beforeAll(async () => {
  // Other test files share this emulator and may have created accounts from these very
  // addresses (the browser sign-up sample does); start from none.
  await emulatorAdmin(services.authEmulatorUrl, services.firebaseProjectId).wipe()
  setActivePinia(createPinia())
  // Node has no browser storage; one Firebase Auth per process (see accountStore.emulator.test.ts).
  core = startAccount(localConfig(services), {
    hostHasAccountPage: false,
    platform: { remembered: [inMemoryPersistence], tabOnly: inMemoryPersistence }
  })
  await core.restored
})

interface Unexpected {
  input: string
  outcome: string
}

/** Sends each input the form would send, and lists the outcomes outside `allowed`. */
async function judge<T extends { label: string }>(
  inputs: readonly T[],
  formRefuses: (input: T) => boolean,
  send: (input: T) => Promise<{ ok: boolean; reason?: string }>,
  allowed: ReadonlyArray<string>
): Promise<{ unexpected: Unexpected[]; sent: number }> {
  const unexpected: Unexpected[] = []
  const tally = new Map<string, number>()
  let sent = 0
  for (const input of inputs) {
    if (formRefuses(input)) continue
    sent++
    const result = await send(input)
    const outcome = result.ok ? 'ok' : `fail: ${result.reason ?? '?'}`
    tally.set(outcome, (tally.get(outcome) ?? 0) + 1)
    if (!allowed.includes(outcome)) unexpected.push({ input: input.label, outcome })
    if (core.store.isSignedIn) await core.store.signOut()
  }
  console.log(`${sent} of ${inputs.length} sent:`, Object.fromEntries(tally))
  return { unexpected, sent }
}

describe('hostile input against the Auth Emulator and the local Comfy API', () => {
  it(
    'email sign-in: every input the form sends is "not a valid address" or "email or password not right"',
    async () => {
      const { unexpected, sent } = await judge(
        badSignIns(),
        ({ email, password }) => email.trim() === '' || password === '',
        ({ email, password }) => core.store.signInWithEmail(email, password),
        ['fail: invalidEmail', 'fail: invalidCredentials']
      )
      expect(sent).toBeGreaterThanOrEqual(200)
      expect(unexpected).toEqual([])
    },
    BULK_TIMEOUT
  )

  it(
    'create account: every input the form sends creates the account or is "not valid" / "in use"',
    async () => {
      const { unexpected, sent } = await judge(
        badSignUps((n) => `bad-input-${run}-${n}@example.com`),
        ({ email, password }) => email.trim() === '' || !isStrongPassword(password),
        ({ email, password }) => core.store.createAccount(email, password),
        ['ok', 'fail: invalidEmail', 'fail: emailInUse']
      )
      expect(sent).toBeGreaterThanOrEqual(200)
      expect(unexpected).toEqual([])
    },
    BULK_TIMEOUT
  )

  it(
    'reset password: every address the form sends gets "link on its way" or "not a valid address"',
    async () => {
      const { unexpected, sent } = await judge(
        badEmails(),
        ({ value }) => value.trim() === '',
        ({ value }) => core.store.sendPasswordReset(value),
        ['ok', 'fail: invalidEmail']
      )
      expect(sent).toBeGreaterThanOrEqual(200)
      expect(unexpected).toEqual([])
    },
    BULK_TIMEOUT
  )

  it(
    'API key: a key of the wrong format never leaves the store; Comfy rejects every other one',
    async () => {
      const inputs = badKeys()
      const wrongFormat = await judge(
        inputs,
        ({ value }) => checkApiKeyFormat(value).ok,
        ({ value }) => core.store.signInWithApiKey(value),
        ['fail: keyFormat']
      )
      const wellFormed = await judge(
        inputs,
        ({ value }) => !checkApiKeyFormat(value).ok,
        ({ value }) => core.store.signInWithApiKey(value),
        ['fail: keyRejected']
      )
      expect(wrongFormat.sent + wellFormed.sent).toBeGreaterThanOrEqual(200)
      expect(wellFormed.sent).toBeGreaterThan(0)
      expect([...wrongFormat.unexpected, ...wellFormed.unexpected]).toEqual([])
      expect(core.store.session.status).toBe('signedOut')
    },
    BULK_TIMEOUT
  )
})
