declare module 'virtual:comfy-account-boot-messages' {
  const messages: Partial<Record<string, Record<string, string>>>
  export default messages
}

declare module '*.css?inline' {
  const css: string
  export default css
}
