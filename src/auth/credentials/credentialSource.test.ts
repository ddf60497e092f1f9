import { describe, expect, it, vi } from 'vitest'

import { deferred, sessionFor } from '../../../tests/support/fakeServices'
import { fail, ok, type AuthErrorKind, type Result } from '@/types/errors'

import { createCredentialSource } from './credentialSource'

const ada = sessionFor('ada@example.com')

function source(token: () => Promise<Result<string, AuthErrorKind>> = async () => ok('id-token')) {
  const getIdToken = vi.fn(token)
  return { credentials: createCredentialSource({ firebase: { getIdToken } }), getIdToken }
}

describe('the credential source', () => {
  it.for([
    { name: 'nobody signed in: no credential', firebase: null, key: null, want: null },
    {
      name: 'a key alone: the key',
      firebase: null,
      key: 'comfyui-k',
      want: { kind: 'apiKey', key: 'comfyui-k' }
    },
    {
      name: 'Firebase wins over a key',
      firebase: ada,
      key: 'comfyui-k',
      want: { kind: 'firebase', idToken: 'id-token' }
    }
  ])('$name', async ({ firebase, key, want }) => {
    const { credentials } = source()
    credentials.follow({ firebase, key })
    expect(await credentials.current()).toEqual(ok(want))
  })

  it('asks Firebase for a token valid for ever when a fresh one is forced', async () => {
    const { credentials, getIdToken } = source()
    credentials.follow({ firebase: ada, key: null })
    await credentials.current()
    await credentials.current({ forceRefresh: true })
    expect(getIdToken.mock.calls).toEqual([[undefined], [Number.POSITIVE_INFINITY]])
  })

  it('follows the newest sign-in', async () => {
    const { credentials } = source()
    credentials.follow({ firebase: null, key: 'comfyui-old' })
    credentials.follow({ firebase: null, key: 'comfyui-new' })
    expect(await credentials.current()).toEqual(ok({ kind: 'apiKey', key: 'comfyui-new' }))
  })

  it.for(['sessionExpired', 'userDisabled'] as const)(
    'a %s session is ended before the failure is answered',
    async (reason) => {
      const { credentials } = source(async () => fail(reason))
      credentials.follow({ firebase: ada, key: null })
      const ending = deferred<void>()
      const ended = vi.fn(() => ending.promise)
      credentials.onSessionEnded(ended)
      let answered = false
      const answer = credentials.current().then((result) => {
        answered = true
        return result
      })
      await vi.waitFor(() => expect(ended).toHaveBeenCalledWith(reason, ada))
      expect(answered).toBe(false)
      ending.resolve()
      expect(await answer).toEqual(fail(reason))
    }
  )

  it('a passing failure (offline) ends nothing', async () => {
    const { credentials } = source(async () => fail('network'))
    credentials.follow({ firebase: ada, key: null })
    const ended = vi.fn(async () => undefined)
    credentials.onSessionEnded(ended)
    expect(await credentials.current()).toEqual(fail('network'))
    expect(ended).not.toHaveBeenCalled()
  })

  it('tells every listener which credential the Comfy API rejected, until they stop listening', () => {
    const { credentials } = source()
    const heard: string[] = []
    const stop = credentials.onRejected((kind) => heard.push(kind))
    credentials.reportRejected('apiKey')
    stop()
    credentials.reportRejected('firebase')
    expect(heard).toEqual(['apiKey'])
  })
})
