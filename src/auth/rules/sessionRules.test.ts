import { describe, expect, it } from 'vitest'

import { sessionFor } from '../../../tests/support/fakeServices'
import type { StoredApiKey } from '@/auth/apiKey/apiKeyStorage'
import { fail, ok } from '@/types/errors'

import {
  heldKeyRetryDelay,
  hiddenFromHost,
  identityOf,
  isHostLogOut,
  keyCheckVerdict,
  needsKeyCheck,
  sessionOf,
  type KeyStorageChange
} from './sessionRules'

const ada = sessionFor('ada@example.com')
const adaThisTab = { ...ada, remembered: false }
const key: StoredApiKey = { key: 'comfyui-k1', remembered: true }
const otherKey: StoredApiKey = { key: 'comfyui-k2', remembered: true }
const held: StoredApiKey = { ...key, held: true }
const tabKey: StoredApiKey = { ...key, remembered: false }
const customer = { id: 'cus_1', email: 'key@example.com', name: 'Key User' }

describe('sessionOf', () => {
  it.for([
    {
      name: 'restoring until Firebase has answered, even with a key',
      firebase: undefined,
      key,
      want: 'restoring'
    },
    { name: 'signed out with neither', firebase: null, key: null, want: 'signedOut' },
    { name: 'Firebase wins over a key', firebase: ada, key, want: 'password' },
    { name: 'a key alone signs in with the key', firebase: null, key, want: 'apiKey' },
    { name: 'a held key still counts', firebase: null, key: held, want: 'apiKey' }
  ] as const)('$name', ({ firebase, key: stored, want }) => {
    const session = sessionOf({ firebase, key: stored, keyCustomer: null })
    expect(session.status === 'signedIn' ? session.method : session.status).toBe(want)
  })

  it('names a key session after its Comfy customer once known', () => {
    expect(sessionOf({ firebase: null, key, keyCustomer: customer })).toMatchObject({
      profile: { id: 'cus_1', email: 'key@example.com', displayName: 'Key User' }
    })
    expect(sessionOf({ firebase: null, key, keyCustomer: null })).toMatchObject({
      profile: { id: 'api-key', email: null, displayName: null }
    })
  })
})

describe('identityOf', () => {
  it.for([
    {
      name: 'another key is another identity',
      a: { firebase: null, key },
      b: { firebase: null, key: otherKey },
      same: false
    },
    {
      name: 'a key becoming held is the same identity',
      a: { firebase: null, key },
      b: { firebase: null, key: held },
      same: true
    },
    {
      name: 'a Firebase sign-in over a key is another',
      a: { firebase: null, key },
      b: { firebase: ada, key },
      same: false
    },
    {
      name: 'a refreshed token is the same',
      a: { firebase: ada, key: null },
      b: { firebase: { ...ada }, key: null },
      same: true
    },
    {
      name: 'signing out is another',
      a: { firebase: ada, key: null },
      b: { firebase: null, key: null },
      same: false
    }
  ])('$name', ({ a, b, same }) => {
    expect(identityOf(a) === identityOf(b)).toBe(same)
  })
})

describe('hiddenFromHost', () => {
  it.for([
    {
      name: 'nothing is hidden without a host page',
      page: false,
      firebase: adaThisTab,
      key: null,
      want: null
    },
    { name: 'a remembered Firebase session is shared', page: true, firebase: ada, key: null, want: null },
    {
      name: 'a tab-only Firebase session is not',
      page: true,
      firebase: adaThisTab,
      key: null,
      want: 'tabOnly'
    },
    { name: 'a held key is not', page: true, firebase: null, key: held, want: 'keyHeld' },
    { name: 'a tab-only key is not', page: true, firebase: null, key: tabKey, want: 'tabOnly' },
    { name: 'a remembered key is shared', page: true, firebase: null, key, want: null }
  ] as const)('$name', ({ page, firebase, key: stored, want }) => {
    expect(hiddenFromHost({ hostHasAccountPage: page, firebase, key: stored })).toBe(want)
  })
})

describe('isHostLogOut', () => {
  const removal: KeyStorageChange = {
    fromThisTab: true,
    storageKey: 'comfy_api_key',
    isHostKey: true,
    newValue: null,
    before: key,
    userGestureInProgress: true
  }
  it.for<{ name: string; change: Partial<KeyStorageChange>; want: boolean }>([
    { name: 'removed in this tab during a click: a log out', change: {}, want: true },
    {
      name: 'removed with no click under way: a failed check',
      change: { userGestureInProgress: false },
      want: false
    },
    {
      name: 'removed in another tab: that tab logs out for itself',
      change: { fromThisTab: false },
      want: false
    },
    { name: 'written, not removed', change: { newValue: 'comfyui-k2' }, want: false },
    {
      name: 'our own copy removed',
      change: { isHostKey: false, storageKey: 'comfy-account:api-key' },
      want: false
    },
    { name: 'a tab-only key was never the host one', change: { before: tabKey }, want: false }
  ])('$name', ({ change, want }) => {
    expect(isHostLogOut({ ...removal, ...change })).toBe(want)
  })
})

describe('needsKeyCheck', () => {
  it.for([
    { name: 'no key left: nothing to check', before: key, now: null, here: true, want: false },
    { name: 'a new key is checked', before: null, now: key, here: false, want: true },
    { name: 'another key is checked', before: key, now: otherKey, here: false, want: true },
    { name: 'the same key is not', before: key, now: key, here: true, want: false },
    { name: 'held here: this tab checks and hands it back', before: key, now: held, here: true, want: true },
    { name: 'held in another tab: that tab does', before: key, now: held, here: false, want: false },
    { name: 'still held: already being checked', before: held, now: held, here: true, want: false },
    { name: 'handed back: checked again', before: held, now: key, here: false, want: true }
  ])('$name', ({ before, now, here, want }) => {
    expect(needsKeyCheck(before, now, here)).toBe(want)
  })
})

describe('keyCheckVerdict', () => {
  it.for([
    { name: 'accepted', result: ok(customer), held: false, want: 'accepted' },
    {
      name: 'a 401/403 from the Comfy API rejects it',
      result: fail('unauthorized' as const),
      held: false,
      want: 'rejected'
    },
    {
      name: 'an outage says nothing about a key in use',
      result: fail('network' as const),
      held: false,
      want: 'unknown'
    },
    {
      name: 'an outage retries a held key later',
      result: fail('server' as const),
      held: true,
      want: 'retryLater'
    },
    { name: 'a timeout too', result: fail('timeout' as const), held: true, want: 'retryLater' }
  ])('$name', ({ result, held: isHeld, want }) => {
    expect(keyCheckVerdict(result, isHeld)).toBe(want)
  })
})

it('waits longer after each failed check of a held key, up to five minutes', () => {
  expect([0, 1, 2, 3, 4, 5, 50].map(heldKeyRetryDelay)).toEqual([
    15_000, 30_000, 60_000, 120_000, 300_000, 300_000, 300_000
  ])
})
