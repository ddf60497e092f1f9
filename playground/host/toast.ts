// `extensionManager.toast`: PrimeVue's ToastService behind ComfyUI's toastStore API
// (add / remove / removeAll, plus the legacy addAlert).
import type { ToastServiceMethods } from 'primevue/toastservice'
import type { ToastMessageOptions } from 'primevue/toast'

import type { ExtensionManager, ToastMessage } from './types'

export type ToastApi = ExtensionManager['toast'] & { addAlert(message: string): void }

export function createToastApi(service: ToastServiceMethods): ToastApi {
  // PrimeVue compares by identity on remove, so hand it the very object the caller added.
  const asPrime = (message: ToastMessage): ToastMessageOptions => message as ToastMessageOptions
  return {
    add: (message) => service.add(asPrime(message)),
    remove: (message) => service.remove(asPrime(message)),
    removeAll: () => service.removeAllGroups(),
    addAlert: (message) => service.add({ severity: 'warn', summary: 'Alert', detail: message })
  }
}
