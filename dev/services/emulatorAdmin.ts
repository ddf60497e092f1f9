/** REST helpers of the Firebase Auth Emulator (docs/host-contract.md, "Tools"), for tests and the demo. */
export interface EmulatorAdmin {
  /** Creates an email/password account; returns its uid. */
  createUser(email: string, password: string, options?: { verified?: boolean }): Promise<string>
  /** Deletes every account (between tests). */
  wipe(): Promise<void>
  /** Password-reset and verification links the emulator "sent". */
  oobCodes(): Promise<Array<{ email: string; requestType: string; oobLink: string; oobCode: string }>>
}

export function emulatorAdmin(url: string, projectId: string): EmulatorAdmin {
  const admin = `${url}/emulator/v1/projects/${projectId}`
  const toolkit = `${url}/identitytoolkit.googleapis.com/v1`
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${toolkit}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify(body)
    })
  return {
    async createUser(email, password, { verified = false } = {}) {
      const response = await post('/accounts:signUp?key=any', { email, password, returnSecureToken: true })
      const body = (await response.json()) as { localId?: string; error?: { message?: string } }
      if (!body.localId) throw new Error(`The emulator did not create ${email}: ${body.error?.message}`)
      if (verified) {
        await post(
          `/projects/${projectId}/accounts:update`,
          { localId: body.localId, emailVerified: true },
          { Authorization: 'Bearer owner' }
        )
      }
      return body.localId
    },
    async wipe() {
      await fetch(`${admin}/accounts`, { method: 'DELETE' })
    },
    async oobCodes() {
      const body = (await (await fetch(`${admin}/oobCodes`)).json()) as {
        oobCodes?: Awaited<ReturnType<EmulatorAdmin['oobCodes']>>
      }
      return body.oobCodes ?? []
    }
  }
}
