/**
 * Where ComfyUI-Account sends users: Comfy's real services, or the local stand-ins the
 * playground and tests start (Firebase Auth Emulator + our local Comfy API server).
 *
 * The target is chosen at build time with `COMFY_ACCOUNT_TARGET=local|staging|production`
 * (see vite.config.ts and the README); production is the default, so a plain `npm run build`
 * is what ComfyUI users get. The production bundle contains no trace of the local hosts.
 */
import type { FirebaseOptions } from 'firebase/app'

export type AccountTarget = 'local' | 'staging' | 'production'

export interface AccountConfig {
  target: AccountTarget
  firebase: FirebaseOptions
  /** Firebase Auth Emulator origin; set only for the local target. */
  authEmulatorUrl?: string
  /** Origin of the Comfy API. Credentials are sent to this origin and nowhere else. */
  comfyApiBaseUrl: string
  /** Where users create API keys, manage their account and buy credits. */
  platformUrl: string
}

/** Public web config of Comfy's Firebase project (it ships in ComfyUI's own frontend). */
const comfyFirebase: FirebaseOptions = {
  apiKey: 'AIzaSyC2-fomLqgCjb7ELwta1I9cEarPK8ziTGs',
  authDomain: 'dreamboothy.firebaseapp.com',
  projectId: 'dreamboothy',
  appId: '1:357148958219:web:f5917f72e5f36a2015310e',
  messagingSenderId: '357148958219'
}

/**
 * What the playground injects as `window.__COMFY_ACCOUNT_LOCAL__` so that tests can run the
 * emulator and the local Comfy API on free ports without rebuilding.
 */
export interface LocalServices {
  authEmulatorUrl: string
  comfyApiUrl: string
  firebaseProjectId: string
}

export const defaultLocalServices: LocalServices = {
  authEmulatorUrl: 'http://127.0.0.1:9099',
  comfyApiUrl: 'http://127.0.0.1:18188',
  firebaseProjectId: 'demo-comfy-account'
}

export function localConfig(services: LocalServices = defaultLocalServices): AccountConfig {
  return {
    target: 'local',
    // The emulator accepts any API key; a demo-* project id keeps it offline.
    firebase: {
      apiKey: 'fake-api-key-for-the-auth-emulator',
      authDomain: `${services.firebaseProjectId}.firebaseapp.com`,
      projectId: services.firebaseProjectId
    },
    authEmulatorUrl: services.authEmulatorUrl,
    comfyApiBaseUrl: services.comfyApiUrl,
    platformUrl: 'https://platform.comfy.org'
  }
}

export const productionConfig: AccountConfig = {
  target: 'production',
  firebase: comfyFirebase,
  comfyApiBaseUrl: 'https://api.comfy.org',
  platformUrl: 'https://platform.comfy.org'
}

export const stagingConfig: AccountConfig = {
  ...productionConfig,
  target: 'staging',
  comfyApiBaseUrl: 'https://stagingapi.comfy.org'
}

declare global {
  interface Window {
    __COMFY_ACCOUNT_LOCAL__?: Partial<LocalServices>
  }
  /** Replaced at build time by vite.config.ts. */
  const __COMFY_ACCOUNT_TARGET__: AccountTarget
  /** package.json's version, replaced at build time. */
  const __COMFY_ACCOUNT_VERSION__: string
}

/** The configuration of this build. */
export function resolveConfig(): AccountConfig {
  if (__COMFY_ACCOUNT_TARGET__ === 'local') {
    return localConfig({ ...defaultLocalServices, ...globalThis.window?.__COMFY_ACCOUNT_LOCAL__ })
  }
  return __COMFY_ACCOUNT_TARGET__ === 'staging' ? stagingConfig : productionConfig
}
