import { beforeEach, describe, expect, it } from 'vitest'

import { LAST_COMFY_USER_STORAGE_KEY, noteComfyUser } from './comfyUserChange'

beforeEach(() => localStorage.clear())

describe('noteComfyUser', () => {
  it.for([
    { label: 'a first start', before: null, user: 'alice', changedFrom: null },
    { label: 'the same user again', before: 'alice', user: 'alice', changedFrom: null },
    { label: 'a switch to another user', before: 'alice', user: 'bob', changedFrom: 'alice' },
    { label: 'a switch back', before: 'bob', user: 'alice', changedFrom: 'bob' }
  ])('$label: previous user $changedFrom', ({ before, user, changedFrom }) => {
    if (before) localStorage.setItem(LAST_COMFY_USER_STORAGE_KEY, before)
    expect(noteComfyUser(user)).toBe(changedFrom)
    expect(localStorage.getItem(LAST_COMFY_USER_STORAGE_KEY)).toBe(user)
  })

  it('records nothing on a single-user server', () => {
    expect(noteComfyUser('')).toBeNull()
    expect(localStorage.getItem(LAST_COMFY_USER_STORAGE_KEY)).toBeNull()
  })
})
