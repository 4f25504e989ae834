/* eslint-disable @n8n/community-nodes/no-restricted-globals -- A measurement: runs in jest, never inside n8n. */
// What one poll of the trigger's document events costs on a Vault of 20,000 documents: requests,
// milliseconds and the static data's JSON size, for a poll that finds nothing and one that finds
// 100 changes. A measurement, not a test (not in the suite's testMatch); prints a markdown table:
//   npx jest --testMatch '**/*.measure.ts' test/measure
import type { IDataObject } from 'n8n-workflow';

import { VeevaVaultTrigger } from '../../nodes/VeevaVaultTrigger/VeevaVaultTrigger.node';
import { runPollNode } from '../harness/engine';
import { simulatorPerTest } from '../harness/vault';

const DOCUMENTS = 20_000;
const CHANGES = 100;
const ROUNDS = 7;
const vault = simulatorPerTest({ seed: false, clock: new Date().toISOString() });
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const rows: string[] = [];

afterAll(() => {
	process.stdout.write(`\n${['| event | poll | requests | ms | static data (JSON bytes) |', '|---|---|---|---|---|', ...rows].join('\n')}\n`);
});

describe.each([
	['documentUpdated', {}],
	['documentEnteredState', { states: ['Approved'] }],
])(`one poll on ${DOCUMENTS} documents`, (event, extra) => {
	test(event, async () => {
		const trigger = new VeevaVaultTrigger();
		const parameters = { event, ...extra };
		const documents = Array.from({ length: DOCUMENTS }, () => vault.simulator.addDocument({ createdAgoMs: 24 * 3600_000 }));
		const staticData: IDataObject = {};
		const measure = async () => {
			const requests = vault.simulator.requests.length;
			const routes = () => vault.simulator.requests.slice(requests).map((request) => request.route).join(' + ');
			const started = performance.now();
			const result = await runPollNode(trigger, vault.credentials, { parameters, staticData });
			return { ms: performance.now() - started, requests: vault.simulator.requests.length - requests, routes: routes(), events: result?.[0]?.length ?? 0, bytes: JSON.stringify(staticData).length };
		};
		const activation = await measure();
		const idle: Array<Awaited<ReturnType<typeof measure>>> = [];
		const busy: Array<Awaited<ReturnType<typeof measure>>> = [];
		for (let round = 0; round < ROUNDS; round++) {
			// A minute passes between polls on both clocks (the poll interval n8n allows at least).
			vault.simulator.advanceClock(60_000);
			idle.push(await measure());
			const second = new Date(Math.floor(vault.simulator.now() / 1000) * 1000).toISOString();
			for (const document of documents.slice(round * CHANGES, (round + 1) * CHANGES)) Object.assign(document, { status__v: 'Approved', version_modified_date__v: second });
			busy.push(await measure());
		}
		expect(idle.map((poll) => [poll.requests, poll.events])).toEqual(idle.map(() => [1, 0]));
		expect(busy.map((poll) => [poll.requests, poll.events])).toEqual(busy.map(() => [1, CHANGES]));
		rows.push(`| ${event} | activation | ${activation.requests} (${activation.routes}) | ${activation.ms.toFixed(0)} | ${activation.bytes} |`);
		rows.push(`| ${event} | nothing new (median of ${ROUNDS}) | ${idle[0].requests} | ${median(idle.map((poll) => poll.ms)).toFixed(0)} | ${median(idle.map((poll) => poll.bytes))} |`);
		rows.push(`| ${event} | ${CHANGES} changes in one second (median of ${ROUNDS}) | ${busy[0].requests} | ${median(busy.map((poll) => poll.ms)).toFixed(0)} | ${median(busy.map((poll) => poll.bytes))} |`);
	}, 300_000);
});
