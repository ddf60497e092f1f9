/**
 * Stands in for every `@primeuix/styles/<component>` module in our build (vite.config.ts). PrimeVue
 * runs unstyled there, so the themes' CSS these modules hold would only be bytes to download and
 * parse: our section takes its looks from src/ui/styles.css and the host's CSS variables.
 */
export const style = ''
