// extension.js — starts `zic lsp` for .zi files: diagnostics as you type, quick fixes, hover, go to definition,
// completion and formatting all come from the server (compiler/lsp.c); this file only connects the two.
"use strict";
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const command = vscode.workspace.getConfiguration("zi").get("server.path", "zic");
  const serverOptions = { command, args: ["lsp"] };
  const clientOptions = {
    documentSelector: [{ scheme: "file", language: "zi" }, { scheme: "untitled", language: "zi" }],
  };
  client = new LanguageClient("zi", "zic lsp", serverOptions, clientOptions);
  context.subscriptions.push(client);
  return client.start().catch((error) => {
    vscode.window.showErrorMessage(
      `Cannot start '${command} lsp' (${error.message}): install zic, or set zi.server.path to it.`
    );
  });
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
