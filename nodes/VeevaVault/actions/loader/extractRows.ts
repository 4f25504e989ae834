// An extract task's rows as items: the CSV's columns, and with renditions each row's renditions.
import type { IDataObject } from 'n8n-workflow';

import { loaderTaskCsv } from '../../api/loader';
import { csvObjects } from '../../rules/csv';
import type { VaultClient } from '../../vaultClient';

export async function extractRows(vault: VaultClient, jobId: string | number, taskId: string | number, withRenditions: boolean): Promise<IDataObject[]> {
	const rows: IDataObject[] = csvObjects(await loaderTaskCsv(vault, jobId, taskId, 'results'));
	if (!withRenditions) return rows;
	const renditionsById = new Map<string, IDataObject[]>();
	for (const { id, ...rendition } of csvObjects(await loaderTaskCsv(vault, jobId, taskId, 'results/renditions'))) {
		const list = renditionsById.get(id) ?? [];
		list.push(rendition);
		renditionsById.set(id, list);
	}
	return rows.map((row) => ({ ...row, renditions: renditionsById.get(String(row.id ?? '')) ?? [] }));
}
