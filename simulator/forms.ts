// Request bodies the simulated Vault accepts: application/x-www-form-urlencoded and
// multipart/form-data (text fields; a file field keeps its bytes).

export interface FormFile {
	filename: string;
	contentType: string;
	data: Buffer;
}

export interface ParsedForm {
	fields: Record<string, string>;
	files: Record<string, FormFile>;
}

export function parseForm(contentType: string | undefined, body: Buffer): ParsedForm {
	const type = (contentType ?? '').toLowerCase();
	if (type.startsWith('multipart/form-data')) {
		const boundary = /boundary="?([^";]+)"?/i.exec(contentType ?? '')?.[1];
		if (!boundary) return { fields: {}, files: {} };
		return parseMultipart(body, boundary);
	}
	const fields: Record<string, string> = {};
	for (const [key, value] of new URLSearchParams(body.toString('utf8'))) fields[key] = value;
	return { fields, files: {} };
}

function parseMultipart(body: Buffer, boundary: string): ParsedForm {
	const result: ParsedForm = { fields: {}, files: {} };
	const delimiter = Buffer.from(`--${boundary}`);
	let start = body.indexOf(delimiter);
	while (start !== -1) {
		const partStart = start + delimiter.length;
		if (body.subarray(partStart, partStart + 2).toString() === '--') break;
		const next = body.indexOf(delimiter, partStart);
		if (next === -1) break;
		// Each part: CRLF, headers, CRLF CRLF, content, CRLF, next delimiter.
		const part = body.subarray(partStart + 2, next - 2);
		const headerEnd = part.indexOf('\r\n\r\n');
		if (headerEnd !== -1) {
			const headers = part.subarray(0, headerEnd).toString('utf8');
			const content = part.subarray(headerEnd + 4);
			const name = /name="([^"]*)"/i.exec(headers)?.[1];
			const filename = /filename="([^"]*)"/i.exec(headers)?.[1];
			const partType = /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1] ?? 'application/octet-stream';
			if (name !== undefined) {
				if (filename !== undefined) {
					result.files[name] = { filename, contentType: partType, data: Buffer.from(content) };
				} else {
					result.fields[name] = content.toString('utf8');
				}
			}
		}
		start = next;
	}
	return result;
}
