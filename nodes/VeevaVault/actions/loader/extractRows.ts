// An extract task's rows as items: the CSV's columns, and with renditions each row's renditions.
// The CSVs are read as they arrive, never whole as one string.
import type { IDataObject } from 'n8n-workflow';

import { loaderTaskStream } from '../../api/loader';
import type { LoaderTaskFile } from '../../api/loader';
import { csvRecordsOf } from '../../rules/csv';
import type { VaultClient } from '../../vaultClient';

async function csvRows(vault: VaultClient, jobId: string | number, taskId: string | number, file: LoaderTaskFile): Promise<Array<Record<string, string>>> {
	const rows: Array<Record<string, string>> = [];
	let header: string[] | undefined;
	for await (const fields of csvRecordsOf(await loaderTaskStream(vault, jobId, taskId, file))) {
		if (header) rows.push(Object.fromEntries(header.map((name, index) => [name, fields[index]])));
		else header = fields;
	}
	return rows;
}

export async function extractRows(vault: VaultClient, jobId: string | number, taskId: string | number, withRenditions: boolean): Promise<IDataObject[]> {
	const rows: IDataObject[] = await csvRows(vault, jobId, taskId, 'results');
	if (!withRenditions) return rows;
	const renditionsById = new Map<string, IDataObject[]>();
	for (const { id, ...rendition } of await csvRows(vault, jobId, taskId, 'results/renditions')) {
		const list = renditionsById.get(id) ?? [];
		list.push(rendition);
		renditionsById.set(id, list);
	}
	return rows.map((row) => ({ ...row, renditions: renditionsById.get(String(row.id ?? '')) ?? [] }));
}
