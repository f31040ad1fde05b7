/**
 * The editor face (issue 13 item 2): the ESLint language server VS Code's extension runs
 * (`vscode-eslint-language-server`, from the npm package vscode-langservers-extracted), driven over
 * stdio by the small LSP client below (JSON-RPC with Content-Length framing): initialize →
 * initialized → didOpen a file → its diagnostics (pulled with textDocument/diagnostic: this
 * server does not push publishDiagnostics). The workspace's
 * eslint.config.js spreads `backlint.fromConfig()`, and its backlint.config.json sets a severity,
 * rule options and a rule off: the diagnostics must be the CLI's findings for that file (rule ids,
 * lines, severities). `backlint` and `eslint` resolve from the workspace's node_modules (symlinks
 * into this repository), as in a project that installed them. Needs the build.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/model.js';
import { assertBuilt, ROOT, runCli } from '../cli/helpers.js';
import { tempTrees } from '../helpers/temp-tree.js';

const tree = tempTrees('backlint-eslint-ls-');
const SERVER = path.join(ROOT, 'node_modules/vscode-langservers-extracted/bin/vscode-eslint-language-server');

type Json = Record<string, unknown>;
interface Diagnostic {
  code?: string | { value: string };
  source?: string;
  severity?: number;
  message: string;
  range: { start: { line: number } };
}

/** A minimal LSP client: requests with ids, answers to the server's requests, notifications by method. */
class LspClient {
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private pending = new Map<number, (result: unknown) => void>();
  readonly log: string[] = [];

  constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    private readonly answer: (method: string, params: Json) => unknown,
  ) {
    child.stdout.on('data', (chunk: Buffer) => this.receive(chunk));
    child.stderr.on('data', (chunk: Buffer) => this.log.push(chunk.toString()));
  }

  private send(message: Json): void {
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }), 'utf8');
    this.child.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString('ascii'))?.[1]);
      if (!Number.isFinite(length) || this.buffer.length < headerEnd + 4 + length) return;
      const message = JSON.parse(this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8')) as Json;
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.dispatch(message);
    }
  }

  private dispatch(message: Json): void {
    const { id, method } = message as { id?: number | string; method?: string };
    if (method !== undefined && id !== undefined) {
      // A request from the server (workspace/configuration, client/registerCapability…).
      this.send({ id, result: this.answer(method, (message.params ?? {}) as Json) ?? null });
    } else if (method !== undefined) {
      if (method === 'window/logMessage') this.log.push(String((message.params as Json).message));
    } else if (typeof id === 'number') {
      this.pending.get(id)?.(message.error ? { error: message.error } : message.result);
      this.pending.delete(id);
    }
  }

  request(method: string, params: Json): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.send({ id, method, params });
    });
  }

  notify(method: string, params: Json): void {
    this.send({ method, params });
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, client: LspClient): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms; server log:\n${client.log.join('\n')}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const ROUTES = `const express = require('express');
const helmet = require('helmet');
const app = express();
app.use(helmet());
app.get('/getUsers', (req, res) => res.json([]));
app.post('/createOrder', (req, res) => res.json({}));
app.listen(3000);
`;

describe('vscode-eslint-language-server with backlint.fromConfig()', () => {
  let child: ChildProcessWithoutNullStreams | undefined;

  beforeAll(() => assertBuilt());
  afterAll(() => {
    child?.kill();
  });

  it('reports the CLI findings of the opened file, as the backlint config sets them', async () => {
    const dir = tree({
      'package.json': JSON.stringify({ name: 'workspace', private: true, type: 'module' }),
      'backlint.config.json': JSON.stringify({
        rules: { 'backlint/no-verbs-in-paths': ['error', { allow: ['createOrder'] }], 'backlint/kebab-case-paths': 'off' },
      }),
      'eslint.config.js': "import backlint from 'backlint/eslint';\n\nexport default [...backlint.fromConfig({ cwd: import.meta.dirname })];\n",
      'src/app.js': ROUTES,
    });
    mkdirSync(path.join(dir, 'node_modules'));
    symlinkSync(ROOT, path.join(dir, 'node_modules', 'backlint'), 'dir');
    symlinkSync(path.join(ROOT, 'node_modules', 'eslint'), path.join(dir, 'node_modules', 'eslint'), 'dir');

    const cli = await runCli(['src/app.js', '--format', 'json'], { cwd: dir });
    expect(cli.code).toBe(1);
    const expected = (JSON.parse(cli.stdout) as Report).files.flatMap((f) => f.findings.map((x) => `${x.line} ${x.ruleId} ${x.severity}`)).sort();
    expect(expected).toEqual(['5 backlint/no-verbs-in-paths error']);

    const rootUri = pathToFileURL(dir).href;
    const fileUri = pathToFileURL(path.join(dir, 'src/app.js')).href;
    const settings = {
      validate: 'on',
      packageManager: 'npm',
      useESLintClass: false,
      useFlatConfig: true,
      experimental: { useFlatConfig: false },
      codeAction: { disableRuleComment: { enable: true, location: 'separateLine', commentStyle: 'line' }, showDocumentation: { enable: true } },
      codeActionOnSave: { mode: 'all' },
      format: false,
      quiet: false,
      onIgnoredFiles: 'off',
      options: {},
      rulesCustomizations: [],
      run: 'onType',
      problems: { shortenToSingleLine: false },
      nodePath: null,
      workingDirectory: { mode: 'location' },
      workspaceFolder: { uri: rootUri, name: 'workspace' },
    };
    child = spawn(process.execPath, [SERVER, '--stdio'], { cwd: dir, stdio: ['pipe', 'pipe', 'pipe'] });
    const client = new LspClient(child, (method, params) => {
      if (method === 'workspace/configuration') return ((params.items as unknown[]) ?? []).map(() => settings);
      if (method === 'workspace/workspaceFolders') return [{ uri: rootUri, name: 'workspace' }];
      return null;
    });
    const init = (await client.request('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'workspace' }],
      capabilities: { workspace: { configuration: true, workspaceFolders: true }, textDocument: { publishDiagnostics: {} } },
    })) as { capabilities?: Json };
    expect(init.capabilities).toBeDefined();
    client.notify('initialized', {});
    client.notify('workspace/didChangeConfiguration', { settings: {} });
    client.notify('textDocument/didOpen', {
      textDocument: { uri: fileUri, languageId: 'javascript', version: 1, text: readFileSync(path.join(dir, 'src/app.js'), 'utf8') },
    });
    // This server (vscode-eslint 3) declares a diagnosticProvider and answers LSP 3.17's pull
    // request; it never pushes textDocument/publishDiagnostics, whatever the client's capabilities.
    const report = (await withTimeout(client.request('textDocument/diagnostic', { textDocument: { uri: fileUri } }), 90_000, client)) as { kind: string; items: Diagnostic[] };
    expect(report.kind).toBe('full');
    const diagnostics = report.items;
    const got = diagnostics
      .map((d) => `${d.range.start.line + 1} ${typeof d.code === 'object' ? d.code.value : d.code} ${d.severity === 1 ? 'error' : 'warning'}`)
      .sort();
    expect(got).toEqual(expected);
    // ESLint's own problems (a config that failed to load, a parse error) come without a rule id.
    expect(diagnostics.every((d) => d.source === 'eslint')).toBe(true);
    await client.request('shutdown', {});
    client.notify('exit', {});
  }, 120_000);
});
