/**
 * Who is acting. The active user is empty for triggers run by someone else and for consumer accounts
 * outside the owner's domain; the effective user (the trigger owner, or the person) is the fallback.
 */
export function currentUserEmail(): string {
  const active = Session.getActiveUser().getEmail();
  return (active || Session.getEffectiveUser().getEmail() || "").toLowerCase();
}

/** The person at the keyboard, lower-cased; empty when Apps Script does not reveal them (see above). */
export function activeUserEmail(): string {
  return (Session.getActiveUser().getEmail() || "").toLowerCase();
}

/** Whoever the script runs as (the person, or a trigger's owner), lower-cased. */
export function effectiveUserEmail(): string {
  return (Session.getEffectiveUser().getEmail() || "").toLowerCase();
}

/**
 * The person at the keyboard where a simple trigger may not ask (onOpen in LIMITED mode can refuse): empty
 * when it is not allowed or not revealed.
 */
export function activeUserEmailIfAllowed(): string {
  try {
    return activeUserEmail();
  } catch {
    return "";
  }
}
