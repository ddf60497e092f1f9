export type DialogOutcome = 'closed' | 'runAnyway' | 'ran'
