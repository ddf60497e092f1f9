import { createApp } from 'vue'
import { afterEach, describe, expect, it, vi } from 'vitest'

import en from '../../locales/en/account.json'
import { fakeAccount, sessionFor } from '../../tests/support/fakeServices'
import { createAccountI18n } from '@/i18n/createAccountI18n'
import type { AccountAction, AccountError } from '@/store/accountStore'

import { accountStoreKey, useAccountView } from './useAccountView'
import { hostKey } from './useHost'

const errors = en.comfyAccount.errors
const unmount: Array<() => void> = []

/** The view-model as a component sees it, over a store on fake services. */
async function setup(initial: ReturnType<typeof sessionFor> | null = null) {
  const fakes = fakeAccount(initial)
  const started = fakes.store.start()
  fakes.firebase.restore()
  await started
  const host = { locale: () => 'en', toast: vi.fn() }
  const { i18n } = await createAccountI18n('en')
  let view!: ReturnType<typeof useAccountView>
  const app = createApp({
    setup() {
      view = useAccountView()
      return () => null
    }
  })
  app
    .use(i18n)
    .provide(hostKey, host)
    .provide(accountStoreKey, fakes.store)
    .mount(document.createElement('div'))
  unmount.push(() => {
    app.unmount()
    fakes.store.$dispose() // ends the retry of a log out that could not finish
  })
  return { ...fakes, view, host }
}

afterEach(() => {
  unmount.splice(0).forEach((stop) => stop())
})

describe('the account view-model', () => {
  it.for<{
    error: AccountError
    asked: Parameters<ReturnType<typeof useAccountView>['errorFor']>[0]
    shown: string | null
  }>([
    {
      error: { action: 'signIn', kind: 'invalidCredentials' },
      asked: 'signIn',
      shown: errors.invalidCredentials
    },
    { error: { action: 'signIn', kind: 'invalidCredentials' }, asked: 'signUp', shown: null },
    { error: { action: 'customer', kind: 'server' }, asked: ['customer', 'signOut'], shown: errors.server },
    { error: { action: 'oauth', kind: 'popupClosed' }, asked: ['customer', 'signOut'], shown: null },
    {
      error: {
        action: 'oauth',
        kind: 'accountExistsWithDifferentCredential',
        existingMethods: ['google', 'github']
      },
      asked: 'oauth',
      shown: errors.accountExistsWith.replace('{methods}', 'Google or GitHub')
    }
  ])('errorFor($asked) shows a $error.action error: $shown', async ({ error, asked, shown }) => {
    const { store, view } = await setup()
    store.lastError = error
    expect(view.errorFor(asked)).toEqual(shown === null ? null : { kind: error.kind, message: shown })
  })

  it.for<{ busy: AccountAction | null; asked: AccountAction | undefined; expected: boolean }>([
    { busy: null, asked: undefined, expected: false },
    { busy: null, asked: 'signIn', expected: false },
    { busy: 'oauth', asked: undefined, expected: true },
    { busy: 'oauth', asked: 'oauth', expected: true },
    { busy: 'oauth', asked: 'signIn', expected: false }
  ])('isBusy($asked) while $busy runs: $expected', async ({ busy, asked, expected }) => {
    const { store, view } = await setup()
    store.busy = busy
    expect(view.isBusy(asked)).toBe(expected)
  })

  it('confirms a log out with a toast, unless asked not to', async () => {
    const first = await setup(sessionFor('ada@example.com'))
    await first.view.signOut()
    expect(first.store.isSignedIn).toBe(false)
    expect(first.host.toast).toHaveBeenCalledWith({
      severity: 'info',
      summary: 'You are logged out.',
      life: 3000
    })

    const second = await setup(sessionFor('ada@example.com'))
    await second.view.signOut({ announce: false })
    expect(second.store.isSignedIn).toBe(false)
    expect(second.host.toast).not.toHaveBeenCalled()
  })

  it('says nothing when the log out could not finish (the card shows why)', async () => {
    const { store, view, host, firebase } = await setup(sessionFor('ada@example.com'))
    firebase.client.signOut.mockRejectedValueOnce(new Error('storage refused'))
    await view.signOut()
    expect(store.isSignedIn).toBe(true)
    expect(view.errorFor('signOut')?.kind).toBe('signOutIncomplete')
    expect(host.toast).not.toHaveBeenCalled()
  })
})
