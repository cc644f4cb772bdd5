// Starts `planforge lsp` (pip install 'planforge[lsp]') for YAML, Markdown and text files; the
// server itself decides which of them are plans. Plain JavaScript: no build step.
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const settings = vscode.workspace.getConfiguration("planforge");
  const [command, ...args] = settings.get("command", ["planforge", "lsp"]);
  client = new LanguageClient(
    "planforge", "planforge",
    { command, args },
    {
      documentSelector: ["yaml", "markdown", "plaintext"].map((language) => ({ scheme: "file", language })),
      initializationOptions: { lang: settings.get("lang", "zh") },
      synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher("**/{pyproject.toml,.planforge.toml,*.progress.yaml}") },
    },
  );
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
