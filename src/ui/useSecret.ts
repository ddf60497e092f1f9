import { inject, ref, watch, type InjectionKey, type Ref } from 'vue'

/** Bumped each time the section leaves the page (mountAccountSection's `conceal`). */
export const concealKey: InjectionKey<Ref<number>> = Symbol('comfyAccountConceal')

/**
 * Something secret the user types: a password, an API key. The section stays mounted for a while
 * after the settings dialog closes, so it is emptied the moment the section leaves the page: the
 * next person at a shared computer must not find it filled in.
 */
export function useSecret(): Ref<string> {
  const value = ref('')
  const concealed = inject(concealKey, undefined)
  if (concealed) {
    watch(concealed, () => {
      value.value = ''
    })
  }
  return value
}
