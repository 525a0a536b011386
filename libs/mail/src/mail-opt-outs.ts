/**
 * Whether a recipient left a kind of mail. The notifications context owns the opt-outs (mail_opt_outs); the
 * sender asks it through this port when it sends, so mail queued before an unsubscribe is cancelled.
 */
export interface MailOptOuts {
  isOptedOut(userId: string, scope: string): Promise<boolean>;
}

export const MAIL_OPT_OUTS = Symbol('MAIL_OPT_OUTS');
