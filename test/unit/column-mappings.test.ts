// The editor's column mappings (Load's and Object Record's "Values to Send"): before an object is
// chosen their field list is empty on purpose, and n8n's red "No fields found … Retry" must not
// stand above the notice "Choose an object first".
import type { INodeProperties } from 'n8n-workflow';

import { VeevaVault } from '../../nodes/VeevaVault/VeevaVault.node';

test('every column mapping hides n8n\'s "no data" error, so that only its own notice shows', () => {
	const mappers = new VeevaVault().description.properties.filter((property: INodeProperties) => property.type === 'resourceMapper');
	expect(mappers.map((property) => property.displayOptions?.show?.resource?.[0]).sort()).toEqual(['document', 'document', 'loader', 'objectRecord', 'objectRecord', 'objectRecord']);
	for (const property of mappers) expect(property.typeOptions?.resourceMapper).toMatchObject({ hideNoDataError: true });
});
