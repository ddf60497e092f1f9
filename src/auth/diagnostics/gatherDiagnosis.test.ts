import { describe, expect, it, vi } from 'vitest'

import type { FirebaseSession } from '@/auth/firebase/firebaseAuthClient'
import { fail, ok } from '@/types/errors'

import { gatherDiagnosis, type DiagnosisBrowser, type GatherDiagnosisOptions } from './gatherDiagnosis'

const API = 'https://api.comfy.org'
const NOW = Date.UTC(2026, 10, 30, 12)
const KEY = `comfyui-${'a'.repeat(60)}beef`

type Answer = Response | Error | 'hang'

/** A fetch that answers by URL and mode; every call is recorded with its options. */
function fakeFetch(answers: { page?: Answer; cors?: Answer; noCors?: Answer }) {
  const calls: Array<{ url: string; init: RequestInit | undefined }> = []
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input)
    calls.push({ url, init })
    const answer = url.startsWith(API)
      ? init?.mode === 'no-cors'
        ? (answers.noCors ?? new Response(null))
        : (answers.cors ?? new Response(null, { status: 401 }))
      : (answers.page ?? new Response(null, { status: 200 }))
    if (answer === 'hang') return new Promise<Response>(() => {})
    if (answer instanceof Error) throw answer
    return answer
  })
  return { fetch: fetch as unknown as typeof globalThis.fetch, calls }
}

function browser(overrides: Partial<DiagnosisBrowser> = {}): DiagnosisBrowser {
  return {
    location: { href: 'http://127.0.0.1:8188/', hostname: '127.0.0.1', protocol: 'http:' },
    isSecureContext: true,
    userAgent: 'Mozilla/5.0 Chrome/140.0',
    onLine: true,
    storage: () => ({ getItem: () => null }),
    fetch: fakeFetch({}).fetch,
    now: () => NOW,
    ...overrides
  }
}

const account: FirebaseSession = {
  method: 'google',
  remembered: true,
  profile: {
    id: 'uid',
    email: 'grace.hopper@example.com',
    displayName: 'Grace',
    photoUrl: null,
    emailVerified: true
  }
}

function options(overrides: Partial<GatherDiagnosisOptions> = {}): GatherDiagnosisOptions {
  return {
    browser: browser(),
    comfyApiBaseUrl: API,
    firebase: {
      getIdToken: vi.fn(async () => ok('id-token')),
      sessionFacts: vi.fn(async () => ({
        signedInAt: NOW - 60_000,
        tokenExpiresAt: NOW + 20 * 60_000,
        sharedUserId: 'uid'
      }))
    },
    comfyApi: {
      createCustomer: vi.fn(async () => ok({ id: 'cus', email: null, name: null })),
      verifyApiKey: vi.fn(async () => ok({ id: 'cus', email: null, name: null })),
      getBalance: vi.fn(async () => ok({ amountMicros: 1_000_000, currency: 'usd' }))
    },
    signedIn: { firebase: null, key: { key: KEY, remembered: true }, hostHasAccountPage: false },
    timeoutMs: 50,
    ...overrides
  }
}

describe('how the Comfy API answers an anonymous request', () => {
  it.for<[string, Parameters<typeof fakeFetch>[0], Partial<DiagnosisBrowser>, string]>([
    ['401 without a credential: it answers', {}, {}, 'ok'],
    ['a 503', { cors: new Response(null, { status: 503 }) }, {}, 'server'],
    ['no answer in time', { cors: 'hang' }, {}, 'timeout'],
    [
      'blocked, but an opaque request gets through: CORS',
      { cors: new TypeError('Failed to fetch') },
      {},
      'cors'
    ],
    [
      'nothing gets through',
      { cors: new TypeError('Failed to fetch'), noCors: new TypeError('Failed to fetch') },
      {},
      'unreachable'
    ],
    [
      'a browser that knows it is offline',
      { cors: new TypeError('Failed to fetch') },
      { onLine: false },
      'offline'
    ]
  ])('%s → %s', async ([, answers, change, reach]) => {
    const facts = await gatherDiagnosis(
      options({ browser: browser({ fetch: fakeFetch(answers).fetch, ...change }) })
    )
    expect(facts.api.reach).toBe(reach)
  })

  it('never sends a credential or a cookie with it', async () => {
    const { fetch, calls } = fakeFetch({ cors: new TypeError('Failed to fetch') })
    await gatherDiagnosis(options({ browser: browser({ fetch }) }))
    const toApi = calls.filter((call) => call.url.startsWith(API))
    expect(toApi.map((call) => call.init?.mode)).toEqual(['cors', 'no-cors'])
    for (const call of toApi) {
      expect(call.init?.credentials).toBe('omit')
      expect(call.init?.headers).toBeUndefined()
    }
  })
})

describe('the page’s Cross-Origin-Opener-Policy', () => {
  it.for<[string, Answer, string]>([
    ['no header', new Response(null), 'none'],
    [
      'same-origin',
      new Response(null, { headers: { 'Cross-Origin-Opener-Policy': 'same-origin' } }),
      'blocksPopups'
    ],
    ['a failed HEAD', new Response(null, { status: 405 }), 'unknown'],
    ['no answer', 'hang', 'unknown']
  ])('%s → %s', async ([, page, policy]) => {
    const { fetch, calls } = fakeFetch({ page })
    const facts = await gatherDiagnosis(options({ browser: browser({ fetch }) }))
    expect(facts.address.openerPolicy).toBe(policy)
    expect(calls[0]).toMatchObject({ url: 'http://127.0.0.1:8188/', init: { method: 'HEAD' } })
  })

  it('is not asked where Google/GitHub cannot work anyway', async () => {
    const { fetch, calls } = fakeFetch({})
    const location = { href: 'http://192.168.1.5:8188/', hostname: '192.168.1.5', protocol: 'http:' }
    const facts = await gatherDiagnosis(
      options({ browser: browser({ fetch, location, isSecureContext: false }) })
    )
    expect(facts.address).toMatchObject({ oauthDomain: false, insecureRemote: true, host: '192.168.1.5' })
    expect(calls.some((call) => call.init?.method === 'HEAD')).toBe(false)
  })
})

describe('the credential', () => {
  it('checks a key on its own, as at sign-in, and shows it masked', async () => {
    const given = options()
    const facts = await gatherDiagnosis(given)
    expect(given.comfyApi.verifyApiKey).toHaveBeenCalledWith(KEY)
    expect(given.comfyApi.createCustomer).not.toHaveBeenCalled()
    expect(facts.session).toEqual({
      kind: 'apiKey',
      maskedKey: 'comfyui-…beef',
      storedOn: 'device',
      hostPage: null
    })
    expect(facts.api).toMatchObject({ credential: 'accepted', balance: { amountMicros: 1_000_000 } })
  })

  it.for<[string, 'unauthorized' | 'server' | 'network', string]>([
    ['a 401 is a rejection', 'unauthorized', 'rejected'],
    ['a 5xx says nothing', 'server', 'unknown'],
    ['no network says nothing', 'network', 'unknown']
  ])('%s', async ([, reason, credential]) => {
    const given = options()
    vi.mocked(given.comfyApi.verifyApiKey).mockResolvedValue(fail(reason))
    const facts = await gatherDiagnosis(given)
    expect(facts.api).toMatchObject({ credential, balance: 'unknown' })
    expect(given.comfyApi.getBalance).not.toHaveBeenCalled()
  })

  it('asks nothing of the API with a credential when it does not answer', async () => {
    const given = options({
      browser: browser({ fetch: fakeFetch({ cors: new Response(null, { status: 502 }) }).fetch })
    })
    const facts = await gatherDiagnosis(given)
    expect(facts.api).toMatchObject({ reach: 'server', credential: 'unknown' })
    expect(given.comfyApi.verifyApiKey).not.toHaveBeenCalled()
  })

  it('reads an account’s token life before renewing it, and masks the email', async () => {
    const order: string[] = []
    const given = options({
      signedIn: { firebase: account, key: null, hostHasAccountPage: true },
      firebase: {
        sessionFacts: vi.fn(async () => {
          order.push('times')
          return { signedInAt: NOW - 60_000, tokenExpiresAt: NOW + 20 * 60_000, sharedUserId: 'uid' }
        }),
        getIdToken: vi.fn(async () => {
          order.push('refresh')
          return fail('network' as const)
        })
      }
    })
    const facts = await gatherDiagnosis(given)
    expect(order).toEqual(['times', 'refresh'])
    expect(given.firebase.getIdToken).toHaveBeenCalledWith(Number.POSITIVE_INFINITY)
    expect(facts.session).toEqual({
      kind: 'firebase',
      method: 'google',
      email: 'g•••@example.com',
      signedInAt: NOW - 60_000,
      tokenExpiresAt: NOW + 20 * 60_000,
      refresh: 'network',
      hostPage: 'same'
    })
    expect(given.comfyApi.createCustomer).toHaveBeenCalled()
  })
})

describe('ComfyUI’s own account page', () => {
  const withHostPage = (
    signedIn: Partial<GatherDiagnosisOptions['signedIn']>,
    hostKey: string | null,
    sharedUserId?: string | null
  ) =>
    options({
      browser: browser({
        storage: () => ({ getItem: (name) => (name === 'comfy_api_key' ? hostKey : null) })
      }),
      signedIn: { firebase: null, key: null, hostHasAccountPage: true, ...signedIn },
      firebase: {
        getIdToken: vi.fn(async () => ok('id-token')),
        sessionFacts: vi.fn(async () => ({ signedInAt: null, tokenExpiresAt: null, sharedUserId }))
      }
    })

  it.for<[string, GatherDiagnosisOptions, string | null]>([
    ['holds our key', withHostPage({ key: { key: KEY, remembered: true } }, KEY), 'same'],
    [
      'holds another key',
      withHostPage({ key: { key: KEY, remembered: true } }, `${KEY.slice(0, -4)}dead`),
      'differs'
    ],
    ['lost our remembered key', withHostPage({ key: { key: KEY, remembered: true } }, null), 'differs'],
    [
      'lost it on purpose: held',
      withHostPage({ key: { key: KEY, remembered: true, held: true } }, null),
      'keyHeld'
    ],
    ['never had a tab-only key', withHostPage({ key: { key: KEY, remembered: false } }, null), 'tabOnly'],
    ['holds our account', withHostPage({ firebase: account }, null, 'uid'), 'same'],
    ['holds another account', withHostPage({ firebase: account }, null, 'someone-else'), 'differs'],
    ['holds no account', withHostPage({ firebase: account }, null, null), 'differs'],
    [
      'never had a tab-only account',
      withHostPage({ firebase: { ...account, remembered: false } }, null, null),
      'tabOnly'
    ],
    [
      'does not exist',
      options({ signedIn: { firebase: account, key: null, hostHasAccountPage: false } }),
      null
    ]
  ])('%s → %s', async ([, given, hostPage]) => {
    const { session } = await gatherDiagnosis(given)
    expect(session.kind === 'signedOut' ? undefined : session.hostPage).toBe(hostPage)
  })
})

describe('prompts', () => {
  it('asks the host, and says "unknown" when it cannot', async () => {
    const host = {
      probePrompt: vi.fn(async () => ({ carried: 'none', lookup: 'ready' }) as const),
      lastPartnerNodeFailure: () => ({ kind: 'paymentRequired', at: NOW }) as const,
      versions: async () => ({ comfyui: null, frontend: null })
    }
    expect((await gatherDiagnosis(options({ host }))).prompt).toEqual({
      carried: 'none',
      lookup: 'ready',
      lastFailure: { kind: 'paymentRequired', at: NOW }
    })
    host.probePrompt.mockRejectedValue(new Error('a wrapper threw'))
    expect((await gatherDiagnosis(options({ host }))).prompt.carried).toBe('unknown')
    expect((await gatherDiagnosis(options())).prompt.carried).toBe('unknown')
  })
})
