/**
 * Firebase and the Comfy API client, usable before their code has loaded. Together they are most
 * of our bytes (the Firebase SDK, axios), and the section must not wait for them to show a
 * sign-in form: each call waits for the load instead, so a user who types and submits early
 * loses nothing. A failed load answers like being offline (`network`), and the next call tries
 * the load again.
 */
import type { ComfyApi } from '@/auth/comfyApi/comfyApiClient'
import type { FirebaseAuthClient } from '@/auth/firebase/firebaseAuthClient'
import { fail } from '@/types/errors'

export interface RemoteServices {
  firebase: FirebaseAuthClient
  comfyApi: ComfyApi
}

const NO_SESSION_FACTS = { signedInAt: null, tokenExpiresAt: null, sharedUserId: undefined }

export function deferServices(load: () => Promise<RemoteServices>): RemoteServices {
  let loading: Promise<RemoteServices> | undefined
  const loaded = (): Promise<RemoteServices> =>
    (loading ??= load().catch((error: unknown) => {
      loading = undefined
      throw error
    }))

  /** A Result-returning call: a failed load is a network failure, never an exception. */
  const call =
    <A extends unknown[], R>(pick: (services: RemoteServices) => (...args: A) => Promise<R>) =>
    (...args: A): Promise<R | ReturnType<typeof fail<'network'>>> =>
      loaded().then(
        (services) => pick(services)(...args),
        () => fail('network')
      )

  /** A subscription made before the load is passed on once it is done, unless stopped first. */
  const subscribe =
    <L>(pick: (firebase: FirebaseAuthClient) => (listener: L) => () => void) =>
    (listener: L): (() => void) => {
      let stop: (() => void) | undefined
      let stopped = false
      loaded().then(
        ({ firebase }) => {
          if (!stopped) stop = pick(firebase)(listener)
        },
        () => undefined // `ready` reports the failure
      )
      return () => {
        stopped = true
        stop?.()
      }
    }

  let ready: Promise<Awaited<FirebaseAuthClient['ready']>> | undefined
  const firebase: FirebaseAuthClient = {
    // Read by the store at start: that starts the load.
    get ready() {
      return (ready ??= loaded().then((services) => services.firebase.ready))
    },
    onChange: subscribe((client) => client.onChange),
    onSignedOutElsewhere: subscribe((client) => client.onSignedOutElsewhere),
    signInWithEmail: call((s) => s.firebase.signInWithEmail),
    createAccount: call((s) => s.firebase.createAccount),
    signInWithProvider: call((s) => s.firebase.signInWithProvider),
    sendPasswordReset: call((s) => s.firebase.sendPasswordReset),
    sendVerificationEmail: call((s) => s.firebase.sendVerificationEmail),
    refreshProfile: call((s) => s.firebase.refreshProfile),
    getIdToken: call((s) => s.firebase.getIdToken),
    signOut: () => loaded().then((services) => services.firebase.signOut()),
    sessionFacts: () =>
      loaded().then(
        async ({ firebase }) => (await firebase.sessionFacts?.()) ?? NO_SESSION_FACTS,
        () => NO_SESSION_FACTS
      )
  }
  const comfyApi: ComfyApi = {
    createCustomer: call((s) => s.comfyApi.createCustomer),
    verifyApiKey: call((s) => s.comfyApi.verifyApiKey),
    getBalance: call((s) => s.comfyApi.getBalance)
  }
  return { firebase, comfyApi }
}
