// The Loader's column mapping in the editor ("Map Automatically" / "Map Each Column Manually"):
// the columns come from the Vault's metadata for the chosen object type, object and action.
import type { ILoadOptionsFunctions, ResourceMapperFields } from 'n8n-workflow';

import { loaderColumns } from '../api/metadata';
import { mapperFieldOf } from '../rules/loaderColumns';
import type { LoaderAction } from '../rules/loaderColumns';
import { loaderTarget } from '../actions/loader/target';
import { vaultClient } from '../vaultClient';

export async function getLoaderColumns(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	const target = loaderTarget(this);
	const action = this.getNodeParameter('loadAction', 'create') as LoaderAction;
	if (target.objectType === 'vobjects__v' && !target.object) return { fields: [], emptyFieldsNotice: 'Choose an object first' };
	const columns = await loaderColumns(vaultClient(this, 0), { ...target, action });
	return { fields: columns.map(mapperFieldOf) };
}
