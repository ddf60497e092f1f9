/**
 * Type-level check, never bundled: the host's published types must still fit the narrow shapes
 * in hostTypes.ts. If ComfyUI changes them, `npm run typecheck` fails here.
 * `registerExtension` is left out on purpose: the published `SettingParams.id` only allows the
 * host's own setting ids, so every custom setting needs a cast (docs/host-contract.md, "Loading").
 */
import type { ComfyApi, ComfyApp } from '@comfyorg/comfyui-frontend-types'

import type { HostApi, HostApp } from './hostTypes'

// `addEventListener` is typed per event name in the published types; we only use it for the
// run events ('execution_success', 'execution_error', 'execution_interrupted'), so it is left
// out of the check too.
export function hostTypesFit(
  app: ComfyApp,
  api: ComfyApi
): [
  Omit<HostApp, 'registerExtension' | 'queuePrompt'>,
  Omit<HostApi, 'addEventListener' | 'removeEventListener'>
] {
  return [app, api]
}
