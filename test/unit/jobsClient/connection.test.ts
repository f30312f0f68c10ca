// Threat 7: a workspace's settings must not redirect the key. Only user-level values count.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { createOpenAI, DEFAULT_BASE_URL } from '../../../core/openai/client.ts';
import { chooseKey, connectionFor, userValue, validateKeyInput } from '../../../client/jobs/connection.ts';
import type { OpenAIServer } from '../../openai-server/index.ts';
import { KEY, start } from '../jobs/fixtures.ts';

const log = { level: 'off' as const, sink: () => undefined };

describe('connection settings (threat 7)', () => {
  test('only the user-level value is read; workspace and folder values are ignored', () => {
    assert.equal(userValue({ defaultValue: 'https://d', globalValue: ' https://user/v1 ', workspaceValue: 'http://evil', workspaceFolderValue: 'http://evil2' }), 'https://user/v1');
    assert.equal(userValue({ workspaceValue: 'http://evil', workspaceFolderValue: 'http://evil2' }), undefined);
    assert.equal(userValue({ globalValue: '' }), undefined);
    assert.equal(userValue({ globalValue: 42 }), undefined);
  });

  test('connectionFor: the official URL unless the user set one; organization and project from user settings only', () => {
    const c = connectionFor(KEY, { baseUrl: { workspaceValue: 'http://127.0.0.1:1/v1' }, organization: { workspaceValue: 'org-evil', globalValue: 'org-mine' }, project: { workspaceFolderValue: 'p' } }, log);
    assert.deepEqual([c.baseURL, c.organization, c.project, c.logLevel], [DEFAULT_BASE_URL, 'org-mine', undefined, 'off']);
  });

  describe('against sockets', () => {
    let server: OpenAIServer;
    let listener: Server;
    let listenerUrl: string;
    const received: string[] = [];
    before(async () => {
      server = await start();
      listener = createServer((req, res) => {
        received.push(`${req.method} ${req.url} ${req.headers.authorization ? 'with credentials' : ''}`);
        res.writeHead(500).end();
      });
      listener.on('connection', () => received.push('connection'));
      await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
      listenerUrl = `http://127.0.0.1:${(listener.address() as AddressInfo).port}/v1`;
    });
    after(async () => {
      await server.close();
      await new Promise((resolve) => listener.close(resolve));
    });

    test('workspace base URL naming a loopback listener: the listener receives nothing; the user-level server gets the request', async () => {
      const openai = createOpenAI(connectionFor(KEY, { baseUrl: { globalValue: server.url, workspaceValue: listenerUrl, workspaceFolderValue: listenerUrl } }, log));
      const page = await openai.fineTuning.jobs.list({ limit: 1 });
      assert.deepEqual(page.data, []);
      assert.deepEqual(received, []);
      assert.equal(server.state.requests.at(-1)?.path, '/v1/fine_tuning/jobs');
    });
  });

  test('the key: secret storage first, then OPENAI_API_KEY; blanks ignored', () => {
    assert.deepEqual(chooseKey('sk-stored', { OPENAI_API_KEY: 'sk-env' }), { key: 'sk-stored', source: 'secret storage' });
    assert.deepEqual(chooseKey(undefined, { OPENAI_API_KEY: ' sk-env ' }), { key: 'sk-env', source: 'OPENAI_API_KEY' });
    assert.equal(chooseKey(' ', {}), undefined);
  });

  test('a pasted key', () => {
    assert.equal(validateKeyInput(''), 'Paste the API key.');
    assert.equal(validateKeyInput('sk-a b'), 'An API key has no spaces or line breaks.');
    assert.equal(validateKeyInput(' sk-abc '), undefined);
  });
});

test('endpointFor: Azure when the user (never a workspace) sets toolcall.azure.endpoint; the key name is per resource', async () => {
  const { endpointFor, azureSecretName, endpointLabel, missingKeyMessage } = await import('../../../client/jobs/connection.ts');
  assert.deepEqual(endpointFor({ azureEndpoint: { workspaceValue: 'https://evil.openai.azure.com' } }), { kind: 'openai', baseURL: 'https://api.openai.com/v1', secretName: 'toolcall.openai.apiKey', envName: 'OPENAI_API_KEY' });
  const azure = endpointFor({ azureEndpoint: { globalValue: 'https://mine.openai.azure.com/' }, azureApiVersion: { globalValue: '2025-04-01-preview' }, baseUrl: { globalValue: 'http://127.0.0.1:9/v1' } });
  assert.deepEqual(azure, { kind: 'azure', baseURL: 'https://mine.openai.azure.com/', apiVersion: '2025-04-01-preview', secretName: 'toolcall.azure.apiKey@https://mine.openai.azure.com', envName: 'AZURE_OPENAI_API_KEY' });
  const byDefault = endpointFor({ azureEndpoint: { globalValue: 'https://mine.openai.azure.com' } });
  assert.equal(byDefault.kind === 'azure' ? byDefault.apiVersion : '', '2024-10-21');
  assert.notEqual(azureSecretName('https://a.openai.azure.com'), azureSecretName('https://b.openai.azure.com'));
  assert.equal(endpointLabel(azure), 'Azure OpenAI (https://mine.openai.azure.com/)');
  assert.equal(missingKeyMessage(azure), 'No API key for Azure OpenAI (https://mine.openai.azure.com/): run Toolcall: Set API Key, or set the AZURE_OPENAI_API_KEY environment variable.');
  assert.deepEqual(connectionFor(KEY, { azureEndpoint: { globalValue: 'https://mine.openai.azure.com' } }, log), { apiKey: KEY, baseURL: 'https://mine.openai.azure.com', azure: { apiVersion: '2024-10-21' }, logLevel: log.level, log: log.sink, maxRetries: 2 });
  assert.deepEqual(chooseKey(undefined, { OPENAI_API_KEY: 'sk-env', AZURE_OPENAI_API_KEY: ' az ' }, 'AZURE_OPENAI_API_KEY'), { key: 'az', source: 'AZURE_OPENAI_API_KEY' });
});
