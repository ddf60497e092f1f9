declare module 'virtual:comfy-account-boot-messages' {
  const messages: Partial<Record<string, Record<string, string>>>
  export default messages
}

declare module '*.css?inline' {
  const css: string
  export default css
}

/** ComfyUI's shims (`../../scripts/app.js`, `../../scripts/api.js`), mapped in vite.config.ts. */
declare module 'comfyui:app' {
  export const app: import('@/host/comfyHost').HostApp
}
declare module 'comfyui:api' {
  export const api: import('@/host/comfyHost').HostApi
}
