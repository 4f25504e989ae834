// HTTP response headers as n8n's client returns them: any case, sometimes arrays.

/** The first value of a header, whatever its case; undefined when absent. */
export function headerValue(headers: Record<string, unknown> | undefined, name: string): string | undefined {
	const wanted = name.toLowerCase();
	for (const [key, value] of Object.entries(headers ?? {})) {
		if (key.toLowerCase() !== wanted) continue;
		const first: unknown = Array.isArray(value) ? value[0] : value;
		return first === undefined || first === null ? undefined : String(first);
	}
	return undefined;
}
