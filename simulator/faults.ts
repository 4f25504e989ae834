/* eslint-disable @n8n/community-nodes/no-restricted-globals --
   The simulator is a development tool that never ships in the package (package.json "files" is dist/ only);
   n8n's rules for code that runs inside n8n do not apply to it. */
// What the faults a test or demo asks for do (their kinds are in model.ts): what a network, a
// proxy or a misbehaving server would do.
import { headerValue, readForm, sendEnvelope, sendJson } from './http.ts';
import type { RequestContext } from './http.ts';
import type { Fault } from './model.ts';
import type { SimState } from './state.ts';

export function takeFault(state: SimState, method: string, apiPath: string, host: Fault['host'] = 'vault'): Fault | null {
	const index = state.faults.findIndex(
		(fault) => (fault.host ?? 'vault') === host && (!fault.method || fault.method === method) && (!fault.path || apiPath.startsWith(fault.path)),
	);
	if (index === -1) return null;
	const fault = state.faults[index];
	if ((fault.after ?? 0) > 0) {
		fault.after = (fault.after ?? 0) - 1;
		return null;
	}
	fault.times = (fault.times ?? 1) - 1;
	if (fault.times <= 0) state.faults.splice(index, 1);
	return fault;
}

/** Returns true when the fault answered the request itself. */
export async function applyFault(state: SimState, fault: Fault, ctx: RequestContext): Promise<boolean> {
	ctx.record.route = `fault:${fault.kind}`;
	switch (fault.kind) {
		case 'http502':
			ctx.req.resume();
			ctx.res.writeHead(502, { 'Content-Type': 'text/html' });
			ctx.res.end('<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>');
			return true;
		case 'badJson':
			ctx.req.resume();
			ctx.res.writeHead(200, { 'Content-Type': 'application/json;charset=UTF-8' });
			ctx.res.end('{"responseStatus":"SUCCESS","data":[{"path":');
			return true;
		case 'reset':
			ctx.req.socket.destroy();
			return true;
		case 'apiLimit':
			ctx.req.resume();
			await sendEnvelope(state, ctx, { responseStatus: 'FAILURE', errors: [{ type: 'API_LIMIT_EXCEEDED', message: 'You have exceeded the maximum number of authentication API calls allowed in a one minute period.' }] });
			return true;
		case 'exception':
			ctx.req.resume();
			await sendEnvelope(state, ctx, { responseStatus: 'EXCEPTION', errors: [{ type: 'UNEXPECTED_ERROR', message: 'An unexpected error occurred.' }] });
			return true;
		case 'foreignNextPage':
			ctx.req.resume();
			await sendEnvelope(state, ctx, {
				responseStatus: 'SUCCESS',
				responseDetails: { next_page: `https://elsewhere.example/api/${ctx.version}${ctx.apiPath}?offset=1` },
				data: [],
			});
			return true;
		case 'redirect':
			ctx.req.resume();
			ctx.res.writeHead(fault.status ?? 302, { Location: fault.location ?? '/', 'Content-Length': 0 });
			ctx.res.end();
			return true;
		case 'echoCredentials': {
			// Some servers quote what they were sent in their error text; the node must not pass it on.
			const withForm = ctx.apiPath === '/auth' || ctx.apiPath === '/oauth2/token';
			const fields = withForm ? (await readForm(ctx)).fields : {};
			ctx.req.resume();
			const quoted = [headerValue(ctx.req, 'authorization'), fields.username, fields.password, fields.client_secret].filter(Boolean).join(' / ');
			// The identity provider answers in its own words (RFC 6749), Vault in its envelope.
			if (ctx.apiPath === '/oauth2/token') {
				sendJson(ctx.res, 400, { error: 'invalid_request', error_description: `Rejected request with credentials ${quoted}.` });
				return true;
			}
			await sendEnvelope(state, ctx, {
				responseStatus: 'FAILURE',
				errors: [{ type: fault.errorType ?? 'INVALID_DATA', message: `Rejected request with credentials ${quoted}.` }],
			});
			return true;
		}
		case 'stall':
			// No answer at all until the client gives up (or the simulator stops).
			ctx.req.resume();
			await new Promise((resolve) => ctx.req.socket.once('close', resolve));
			return true;
		case 'stallBody':
			// The headers and the start of the body, then nothing until the client gives up.
			ctx.req.resume();
			ctx.res.writeHead(200, { 'Content-Type': 'application/json;charset=UTF-8', 'Content-Length': 4096 });
			ctx.res.write('{"responseStatus":"SUCCESS","data":[');
			await new Promise((resolve) => ctx.req.socket.once('close', resolve));
			return true;
		case 'advanceClock':
			// Time passes before the request is answered (e.g. between two pages of a listing).
			state.advanceClock(fault.ms ?? 0);
			ctx.record.route = 'unknown';
			return false;
		case 'cutBody':
			// The answer goes ahead; the download handler drops the connection mid-file.
			ctx.cutAfterBytes = fault.bytes ?? 1024;
			ctx.record.route = 'unknown';
			return false;
		case 'editLoaderLog':
			// The log goes ahead, edited by its handler.
			ctx.logEdit = { dropRows: fault.dropRows ?? 0, shiftRowIds: fault.shiftRowIds ?? 0 };
			ctx.record.route = 'unknown';
			return false;
		case 'invalidSession':
			state.expireSessions();
			ctx.record.route = 'unknown';
			return false;
		case 'hold':
			// Kept waiting until the test lets it go (releaseHeld, POST /_sim/release), then answered as usual.
			await state.hold();
			ctx.record.route = 'unknown';
			return false;
		case 'delay':
			await new Promise((resolve) => setTimeout(resolve, fault.ms ?? 1000));
			ctx.record.route = 'unknown';
			return false;
	}
}
