/** The Firebase app of sessions kept for this tab only; ComfyUI never opens an app by this name. */
export const TAB_ONLY_APP_NAME = 'comfy-account-tab'

/** `firebase:authUser:<apiKey>:<app>`: where the SDK keeps a session (docs/host-contract.md). */
export const persistenceKey = (apiKey: string, appName: string) => `firebase:authUser:${apiKey}:${appName}`
