/**
 * The "sign out after inactivity" choices, in minutes (0 is off), in the order they are offered.
 * ComfyUI keeps the choice as a hidden setting of ours; the control is in the status card.
 */
export const IDLE_MINUTES_CHOICES = [0, 15, 30, 60, 240] as const

export type IdleMinutes = (typeof IDLE_MINUTES_CHOICES)[number]

/** A stored choice ComfyUI hands back (hand-edited settings included), as minutes; 0 is off. */
export function idleMinutesFrom(value: unknown): IdleMinutes {
  const minutes = Number(value)
  return IDLE_MINUTES_CHOICES.find((choice) => choice === minutes) ?? 0
}
