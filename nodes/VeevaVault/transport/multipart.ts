// A multipart/form-data body with text fields and at most one file, as Vault's "Create Folder or
// File" takes it. The file's bytes go between `head` and `tail`, so that they can be streamed.
import { randomBytes } from 'crypto';

export interface MultipartFrame {
	/** The text fields and the file part's headers. */
	head: Buffer;
	/** What follows the file's bytes. */
	tail: Buffer;
	contentType: string;
}

export function multipartFrame(fields: Record<string, string>, file?: { name: string; fileName: string; contentType: string }): MultipartFrame {
	const boundary = `----n8nVeevaVault${randomBytes(12).toString('hex')}`;
	const escape = (value: string) => value.replace(/["\r\n]/g, '_');
	let head = '';
	for (const [name, value] of Object.entries(fields)) head += `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
	if (file) {
		head += `--${boundary}\r\nContent-Disposition: form-data; name="${file.name}"; filename="${escape(file.fileName)}"\r\nContent-Type: ${file.contentType}\r\n\r\n`;
	}
	const tail = `${file ? '\r\n' : ''}--${boundary}--\r\n`;
	return { head: Buffer.from(head), tail: Buffer.from(tail), contentType: `multipart/form-data; boundary=${boundary}` };
}
