// A subtitle for a node of this package (today the Veeva Vault Trigger's).

/** A node subtitle that shows the display name behind a stored value (`key` is an expression such
 * as `$parameter["event"]`); a value it does not know shows as it is. */
export function subtitleNaming(names: Record<string, string>, key: string): string {
	return `={{ (${JSON.stringify(names)})[${key}] || ${key} }}`;
}
