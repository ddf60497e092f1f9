// The host's own Firebase, started the way both real hosts start theirs (1.24.2 and 1.45.0 use
// VueFire's `VueFireAuth()`; docs/host-contract.md, "Firebase"). This module imports `firebase/*` through the
// playground's Vite, while the extension bundles its own copy in web/: two SDK instances in one
// page, as in real ComfyUI, so a fight over where the session is persisted shows up here too.
import { initializeApp } from 'firebase/app'
import {
  browserLocalPersistence,
  browserPopupRedirectResolver,
  connectAuthEmulator,
  indexedDBLocalPersistence,
  initializeAuth,
  type Auth
} from 'firebase/auth'

// Relative on purpose: the playground's Vite config has no `@` alias.
import { defaultLocalServices, localConfig } from '../../../src/config/accountConfig'

/**
 * The extension's local build config, from the same services the page hands the extension
 * (`window.__COMFY_ACCOUNT_LOCAL__`), so both instances compute the same persistence key
 * `firebase:authUser:<apiKey>:[DEFAULT]`.
 */
export function hostAccountConfig() {
  return localConfig({ ...defaultLocalServices, ...window.__COMFY_ACCOUNT_LOCAL__ })
}

export function startHostFirebase(): Auth {
  const config = hostAccountConfig()
  // VueFire's defaults: the [DEFAULT] app, IndexedDB first then localStorage, no sessionStorage.
  const app = initializeApp(config.firebase)
  const auth = initializeAuth(app, {
    persistence: [indexedDBLocalPersistence, browserLocalPersistence],
    popupRedirectResolver: browserPopupRedirectResolver
  })
  // The real hosts talk to Google; the playground only ever has the local emulator.
  if (config.authEmulatorUrl) connectAuthEmulator(auth, config.authEmulatorUrl, { disableWarnings: true })
  return auth
}
