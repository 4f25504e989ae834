// The rows of a CSV the node did not write itself (one staged on File Staging, or a binary it
// staged): counted, with their `id` and Key Field values, as the file streams by, so that every
// data row of it gets an item whatever Vault's logs say.
import type { IExecuteFunctions } from 'n8n-workflow';

import { downloadStagedFile } from '../../api/stagingItems';
import { binarySource } from '../../binary/binarySource';
import { csvRecordsOf } from '../../rules/csv';
import { sentRowsOf } from '../../rules/loaderLogs';
import type { SentRows } from '../../rules/loaderLogs';
import type { VaultClient } from '../../vaultClient';

const READ_BYTES = 256 * 1024;

export async function sentRowsOfStagedCsv(vault: VaultClient, path: string, keyColumn?: string): Promise<SentRows> {
	const download = await downloadStagedFile(vault, path);
	return await sentRowsOf(csvRecordsOf(download.bytes), keyColumn);
}

export async function sentRowsOfBinary(ctx: IExecuteFunctions, itemIndex: number, propertyName: string, keyColumn?: string): Promise<SentRows> {
	const source = await binarySource(ctx, itemIndex, propertyName);
	async function* bytes() {
		for await (const part of source.parts(READ_BYTES)) yield part.data;
	}
	return await sentRowsOf(csvRecordsOf(bytes()), keyColumn);
}
