import { computed, nextTick, ref, type ComputedRef, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'

import type { AccountAction } from '@/store/accountStore'

import { firstField, focusProblem, useFocusOnArrival } from '../focusMoves'
import { useAccountView, type ShownError } from '../useAccountView'

export interface SignInFormOptions {
  /** The store action the form runs: its busy state and its error are the form's. */
  action: AccountAction
  /**
   * What is wrong with the input: the i18n key of the message the form's alert shows, or `null`.
   * @default () => null
   */
  problem?: () => string | null
  /**
   * Whether the input can be sent. Give it when the form shows what is wrong next to a field
   * rather than in its alert.
   * @default () => problem() === null
   */
  ready?: () => boolean
  /**
   * When the alert's problem is decided: `false`, at each submit (it stays until the next one);
   * `true`, as the user types once they have tried (and each submit then clears the last error,
   * so a verdict on what was sent before cannot come back once the input is fixed).
   * @default false
   */
  live?: boolean
  /** Sends the input; only called when it is ready and no other action is running. */
  send: () => Promise<{ ok: boolean }>
  /** After a send that went through (e.g. to empty the secrets typed). */
  onSuccess?: () => void
}

export interface SignInForm {
  /**
   * The `<form>` element (`ref="form"`): focus goes to its first field when it replaces what had
   * focus, and to its alert (or first invalid field) when a submit fails.
   */
  form: Ref<HTMLFormElement | null>
  /** The form's submit handler. */
  submit: () => Promise<void>
  /** The user has submitted at least once. */
  attempted: Ref<boolean>
  /** The last send went through (until the next submit). */
  succeeded: Ref<boolean>
  /** The last error, when it came from the form's action. */
  error: ComputedRef<ShownError | null>
  /** The i18n key of the input problem the alert shows (to mark the field it is about), or null. */
  shownProblem: ComputedRef<string | null>
  /** What the form's alert says: the problem with the input, else the error; '' for nothing. */
  message: ComputedRef<string>
}

/** The skeleton every sign-in form shares: check the input, send it once, show what went wrong. */
export function useSignInForm({
  action,
  problem = () => null,
  ready = () => problem() === null,
  live = false,
  send,
  onSuccess
}: SignInFormOptions): SignInForm {
  const { t } = useI18n()
  const { isBusy, errorFor, clearError } = useAccountView()
  const attempted = ref(false)
  const succeeded = ref(false)
  /** The problem found at the last submit. */
  const refusal = ref<string | null>(null)
  const form = ref<HTMLFormElement | null>(null)
  useFocusOnArrival(() => firstField(form.value))

  async function showProblem(): Promise<void> {
    await nextTick()
    focusProblem(form.value)
  }

  const error = computed(() => errorFor(action))
  const shownProblem = computed(() => {
    if (live && !attempted.value) return null
    return live ? problem() : refusal.value
  })
  const message = computed(() => {
    if (live && !attempted.value) return ''
    const shown = shownProblem.value
    return shown ? t(shown) : (error.value?.message ?? '')
  })

  async function submit(): Promise<void> {
    attempted.value = true
    succeeded.value = false
    if (live) clearError()
    refusal.value = problem()
    if (isBusy()) return
    if (!ready()) return showProblem()
    const result = await send()
    succeeded.value = result.ok
    if (result.ok) onSuccess?.()
    else await showProblem()
  }

  return { form, submit, attempted, succeeded, error, shownProblem, message }
}
