/**
 * Starts the whole local stack once for the e2e project (emulator, local Comfy API, extension
 * build, playground) on free ports, hands the addresses to the tests, and stops it afterwards.
 */
import type { TestProject } from 'vitest/node'

import { startStack } from '../../dev/stack'

declare module 'vitest' {
  export interface ProvidedContext {
    playgroundUrl: string
    /** The emulator itself, for admin REST calls (wipe, oobCodes). */
    authEmulatorUrl: string
    /** What the browser uses as the emulator (the proxy with the gapi stand-in, see dev/stack.ts). */
    authUrl: string
    comfyApiUrl: string
    /** What `/__control/*` of the local Comfy API wants in `X-Control-Secret` (comfyApiControl.ts). */
    comfyApiControlSecret: string
    firebaseProjectId: string
    demoKey: string
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const stack = await startStack()
  project.provide('playgroundUrl', stack.playground.url)
  project.provide('authEmulatorUrl', stack.emulator.url)
  project.provide('authUrl', stack.authUrl)
  project.provide('comfyApiUrl', stack.comfyApi.url)
  project.provide('comfyApiControlSecret', stack.comfyApi.controlSecret)
  project.provide('firebaseProjectId', stack.emulator.projectId)
  project.provide('demoKey', stack.comfyApi.demoKey)
  return () => stack.close()
}
