// What the operations that download a Vault file (Staging Item → Download, Document → Download
// File) share: the field the file goes in, and the file streamed into n8n's binary store.
import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';

import type { FileDownload } from '../api/fileDownload';
import { asNodeStream } from '../binary/binarySource';
import { InvalidInputError } from '../rules/inputError';

/** "Put Output File in Field", checked before anything is downloaded. */
export function outputFileField(ctx: IExecuteFunctions, itemIndex: number): string {
	const field = String(ctx.getNodeParameter('binaryPropertyName', itemIndex, 'data') ?? '').trim();
	if (!field) throw new InvalidInputError('Put Output File in Field is empty', 'Enter a field name, e.g. data.');
	return field;
}

/** The downloaded file in n8n's binary store, streamed: memory stays flat whatever its size. */
export async function storedDownload(ctx: IExecuteFunctions, download: FileDownload): Promise<IBinaryData> {
	return await ctx.helpers.prepareBinaryData(asNodeStream(download.bytes, download.firstStream) as Buffer, download.fileName);
}
