// heartlint for Thunderbird: hold the send until the heart comes first.
"use strict";

// In Thunderbird core.js is loaded first (see manifest.json); in Node tests it is required.
const core = typeof module !== "undefined" ? require("./core.js") : heartlintCore;
const pending = new Map(); // popup window id -> { tabId, findings }
const approved = new Set(); // compose tabs whose next send the writer approved ("Send anyway")

/** A one-line notice for findings that did not hold the send (warnings, by default). */
function warningsNotice(decision) {
  if (decision.hold || !decision.findings.length) return "";
  const codes = [...new Set(decision.findings.map((f) => f.code))].join(", ");
  return `heartlint: sent; worth a look next time: ${codes}.`;
}

function setup(messenger, fetchImpl) {
  messenger.compose.onBeforeSend.addListener(async (tab, details) => {
    if (approved.delete(tab.id)) return {};
    const stored = await messenger.storage.local.get(Object.keys(core.DEFAULTS));
    const decision = await core.decide(details, stored, fetchImpl);
    const notice = decision.notice || warningsNotice(decision);
    if (notice) {
      await messenger.notifications.create({ type: "basic", title: "heartlint", message: notice });
    }
    if (decision.hold && decision.findings.length) {
      const popup = await messenger.windows.create({ url: "popup.html", type: "popup", width: 560, height: 480 });
      pending.set(popup.id, { tabId: tab.id, findings: decision.findings });
    }
    return decision.hold ? { cancel: true } : {};
  });

  messenger.runtime.onMessage.addListener(async (message) => {
    const windowId = message.windowId;
    const entry = pending.get(windowId);
    if (message.type === "findings") return entry ? entry.findings : [];
    if (!entry) return false;
    pending.delete(windowId);
    if (message.type === "send-anyway") {
      approved.add(entry.tabId);
      await messenger.compose.sendMessage(entry.tabId);
    }
    await messenger.windows.remove(windowId);
    return true;
  });
}

if (typeof module !== "undefined") {
  module.exports = { setup, pending, approved };
} else {
  setup(messenger, fetch.bind(globalThis));
  console.info("heartlint: checking drafts before they are sent");
}
