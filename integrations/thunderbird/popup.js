// The popup: list the findings of the held send; "Edit draft" or "Send anyway".
"use strict";

function item(finding) {
  const li = document.createElement("li");
  li.className = finding.severity;
  const code = document.createElement("span");
  code.className = "code";
  code.textContent = finding.code;
  li.append(code, document.createTextNode(finding.message));
  if (finding.excerpt) {
    const excerpt = document.createElement("span");
    excerpt.className = "excerpt";
    excerpt.textContent = `“${finding.excerpt}”`;
    li.append(excerpt);
  }
  const help = document.createElement("span");
  help.className = "help";
  help.textContent = finding.help;
  li.append(help);
  return li;
}

async function main() {
  const { id: windowId } = await messenger.windows.getCurrent();
  const findings = await messenger.runtime.sendMessage({ type: "findings", windowId });
  document.getElementById("findings").replaceChildren(...findings.map(item));
  document.getElementById("edit").onclick = () => messenger.runtime.sendMessage({ type: "edit", windowId });
  document.getElementById("send").onclick = () => messenger.runtime.sendMessage({ type: "send-anyway", windowId });
}

main();
