/** The signed-in user as request handlers see it (attached by the JWT strategy). */
export interface AuthUser {
  id: string;
  email: string;
  displayName: string;
  roles: string[];
  agencyId: string | null;
  locale: string;
  emailVerified: boolean;
}

export interface AccessTokenPayload {
  sub: string;
  /** The user's token version when the token was issued. */
  tv: number;
}
