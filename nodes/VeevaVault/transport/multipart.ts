// A multipart/form-data body with text fields and at most one file, as Vault's "Create Folder or File" takes it.
import { randomBytes } from 'crypto';

export function multipartBody(
	fields: Record<string, string>,
	file?: { name: string; fileName: string; contentType: string; data: Buffer },
): { body: Buffer; contentType: string } {
	const boundary = `----n8nVeevaVault${randomBytes(12).toString('hex')}`;
	const escape = (value: string) => value.replace(/["\r\n]/g, '_');
	const chunks: Buffer[] = [];
	for (const [name, value] of Object.entries(fields)) {
		chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
	}
	if (file) {
		chunks.push(
			Buffer.from(
				`--${boundary}\r\nContent-Disposition: form-data; name="${file.name}"; filename="${escape(file.fileName)}"\r\nContent-Type: ${file.contentType}\r\n\r\n`,
			),
			file.data,
			Buffer.from('\r\n'),
		);
	}
	chunks.push(Buffer.from(`--${boundary}--\r\n`));
	return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}
